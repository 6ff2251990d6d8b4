// Keeps one failing panel (a chunk that did not load, a render error) from blanking the editor.
import { Component, type ReactNode } from 'react';
import { ErrorState } from './states';

export class PanelBoundary extends Component<{ children: ReactNode; resetKey?: unknown }, { error?: Error; key?: unknown }> {
  state: { error?: Error; key?: unknown } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error?: Error; key?: unknown }) {
    // Another selection or tab gets a fresh try.
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return <ErrorState error={this.state.error} retry={() => window.location.reload()} />;
  }
}
