import { Component, type ReactNode } from 'react';

interface Props {
  /** What to show when a lazily loaded page failed to arrive (weak signal, a new deploy). */
  fallback: (retry: () => void) => ReactNode;
  children: ReactNode;
}

// Error boundaries can only be classes in React 19; this is the one class component.
export class ChunkErrorBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  // React.lazy remembers a failed import, so retrying means loading the page afresh.
  private retry = () => window.location.reload();

  override render() {
    return this.state.failed ? this.props.fallback(this.retry) : this.props.children;
  }
}
