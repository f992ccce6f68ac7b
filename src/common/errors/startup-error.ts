/** A problem the operator must fix (bad config, unreachable server); printed without a stack trace. */
export class StartupError extends Error {
  override name = 'StartupError';
}
