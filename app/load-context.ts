declare module "@remix-run/node" {
  interface AppLoadContext {
    /** CSP nonce for this response. */
    nonce: string;
    /** Reference id shown on error pages and written to the log. */
    requestId: string;
  }
}
export {};
