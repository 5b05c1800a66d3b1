import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IssueComment {
  readonly id: number;
  body: string;
  readonly user: { readonly login: string };
}

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface GitHubApiOptions {
  /** Comments already on the pull request, before the Action runs. */
  readonly comments?: readonly IssueComment[];
  /** Answer every write with this status: 403 as GitHub does for a fork's read-only token, 5xx for an outage. */
  readonly refuseWrites?: 403 | 502;
}

/**
 * A loopback stand-in for the GitHub REST endpoints the Action calls on one repository: list a
 * pull request's comments (paginated with Link headers, as api.github.com does), create one, edit
 * one. Every request is recorded; any other endpoint answers 404 and is recorded as unexpected.
 */
export class GitHubApi {
  readonly comments: IssueComment[];
  readonly requests: ApiRequest[] = [];
  readonly unexpected: string[] = [];
  private readonly server: Server;
  private nextId = 9000;

  private constructor(
    private readonly repo: string,
    private readonly issue: number,
    private readonly options: GitHubApiOptions,
  ) {
    this.comments = [...(options.comments ?? [])];
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
  }

  static async start(repo: string, issue: number, options: GitHubApiOptions = {}): Promise<GitHubApi> {
    const api = new GitHubApi(repo, issue, options);
    api.server.listen(0, '127.0.0.1');
    await once(api.server, 'listening');
    return api;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname, authorization: req.headers.authorization });
    const body = await readBody(req);
    const list = `/repos/${this.repo}/issues/${this.issue}/comments`;
    const edit = new RegExp(`^/repos/${this.repo}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (method === 'GET' && url.pathname === list) return this.list(url, res);
    if (method === 'POST' && url.pathname === list) return this.create(body, res);
    if (method === 'PATCH' && edit) return this.update(Number(edit[1]), body, res);
    this.unexpected.push(`${method} ${url.pathname}`);
    send(res, 404, { message: 'Not Found' });
  }

  private list(url: URL, res: ServerResponse): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30);
    const page = Number(url.searchParams.get('page') ?? 1);
    const pages = Math.max(1, Math.ceil(this.comments.length / perPage));
    const headers: Record<string, string> = {};
    if (page < pages) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    send(res, 200, this.comments.slice((page - 1) * perPage, page * perPage), headers);
  }

  private create(body: unknown, res: ServerResponse): void {
    if (this.options.refuseWrites) {
      refuse(res, this.options.refuseWrites);
      return;
    }
    const comment = { id: this.nextId++, body: bodyOf(body), user: { login: 'github-actions[bot]' } };
    this.comments.push(comment);
    send(res, 201, comment);
  }

  private update(id: number, body: unknown, res: ServerResponse): void {
    if (this.options.refuseWrites) {
      refuse(res, this.options.refuseWrites);
      return;
    }
    const comment = this.comments.find((c) => c.id === id);
    if (!comment) {
      send(res, 404, { message: 'Not Found' });
      return;
    }
    comment.body = bodyOf(body);
    send(res, 200, comment);
  }
}

/** `count` comments by people, so that the Action's comment lands past the first page. */
export function humanComments(count: number): IssueComment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    body: `review comment ${i + 1}`,
    user: { login: 'Codertocat' },
  }));
}

function refuse(res: ServerResponse, status: 403 | 502): void {
  send(res, status, {
    message: status === 403 ? 'Resource not accessible by integration' : 'Server Error',
    documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  });
}

function bodyOf(body: unknown): string {
  return typeof body === 'object' && body !== null && 'body' in body && typeof body.body === 'string'
    ? body.body
    : '';
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}
