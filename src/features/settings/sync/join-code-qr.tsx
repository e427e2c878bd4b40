import { generate } from 'lean-qr';
import { toSvgPath } from 'lean-qr/extras/svg';
import { useMemo } from 'react';

/** The quiet zone around a QR code, in modules: scanners need it. */
const PAD = 4;

/** The join code as a QR code, drawn as SVG (black on white whatever the theme, for scanners). */
export function JoinCodeQr({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const code = generate(text);
    return { size: code.size, path: toSvgPath(code) };
  }, [text]);
  const box = size + 2 * PAD;
  return (
    <svg
      className="join-code-qr"
      role="img"
      aria-label={label}
      viewBox={`${-PAD} ${-PAD} ${box} ${box}`}
      shapeRendering="crispEdges"
    >
      <rect x={-PAD} y={-PAD} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
