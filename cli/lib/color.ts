// Terminal colours, on only for TTYs (or FORCE_COLOR) and never with NO_COLOR.
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

const paint =
  (code: string) =>
  (text: string, on = useColor()) =>
    on ? `\x1b[${code}m${text}\x1b[0m` : text;
export const red = paint('31');
export const green = paint('32');
export const yellow = paint('33');
export const dim = paint('2');
export const bold = paint('1');
