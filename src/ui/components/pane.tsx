import { Box, Text } from 'ink';
import type { ReactNode } from 'react';

/** A bordered pane whose border shows whether it has the keyboard. */
export function Pane(props: {
  readonly title: string;
  readonly focused: boolean;
  readonly width?: number | string;
  readonly height: number;
  readonly children: ReactNode;
}) {
  return (
    <Box
      flexDirection="column"
      borderStyle={props.focused ? 'double' : 'single'}
      borderColor={props.focused ? 'cyan' : 'gray'}
      {...(props.width === undefined ? { flexGrow: 1 } : { width: props.width })}
      height={props.height}
      overflow="hidden"
    >
      <Text bold={props.focused}>{props.title}</Text>
      {props.children}
    </Box>
  );
}
