import type { getOctokit } from '@actions/github';

type Octokit = ReturnType<typeof getOctokit>;

/** Hidden in the comment body, so that the next run finds its comment and edits it. */
export const COMMENT_MARKER = '<!-- blast-radius:pull-request-comment -->';

export interface PullRequest {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

export type CommentResult = 'created' | 'updated';

/**
 * Creates the pull request's blast-radius comment, or edits the one an earlier run left (the first
 * comment holding the marker), so that one comment tracks the pull request.
 */
export async function upsertComment(
  octokit: Octokit,
  pr: PullRequest,
  markdown: string,
): Promise<CommentResult> {
  const body = `${COMMENT_MARKER}\n${markdown}`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.number,
    per_page: 100,
  });
  const previous = comments.find((comment) => comment.body?.includes(COMMENT_MARKER));
  if (previous) {
    await octokit.rest.issues.updateComment({
      owner: pr.owner,
      repo: pr.repo,
      comment_id: previous.id,
      body,
    });
    return 'updated';
  }
  await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.number, body });
  return 'created';
}

/** True for the refusals a token without pull-requests: write gets (a fork's pull request, a read-only token). */
export function isPermissionRefusal(error: unknown): boolean {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return status === 403 || status === 404;
}
