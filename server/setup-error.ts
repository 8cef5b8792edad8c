/**
 * The authority cannot start or the CLI cannot work because its data dir or product config is
 * missing or unusable. Not a license problem, so it is not a catalog error: the CLI prints the
 * message and exits with 3.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}
