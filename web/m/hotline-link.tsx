/** The national workers' hotline (12351), as a tap-to-call link. */
export const HOTLINE = '12351';

export function HotlineLink({ testId }: { testId?: string }) {
  return (
    <a href={`tel:${HOTLINE}`} style={{ color: '#c41d24', fontWeight: 600 }} data-testid={testId}>
      {HOTLINE}
    </a>
  );
}
