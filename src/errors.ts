/** Named errors that carry context, and one-line descriptions of any error for logs. */

/** The user asked for something we cannot do; `userMessage` is the friendly Chinese text to show them. */
export class UserInputError extends Error {
  override readonly name: string = 'UserInputError';
  constructor(
    readonly userMessage: string,
    message: string = userMessage,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** What every user sees when something unexpected fails. */
export const GENERIC_USER_MESSAGE = '抱歉，出错了，请稍后再试。';

/** The text to show the user for an error: its own message for UserInputError, else the generic apology. */
export function userMessageOf(err: unknown): string {
  return err instanceof UserInputError ? err.userMessage : GENERIC_USER_MESSAGE;
}

/** A one-line description: "Name: message", with the Bot API error code and method for telegraf errors. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown: ${String(err).slice(0, 200)}`;
  const api = err as Error & { response?: { error_code?: number }; on?: { method?: string } };
  const name = api.response?.error_code !== undefined ? 'TelegramError' : err.name;
  const method = api.on?.method ? ` (in ${api.on.method})` : '';
  const cause = err.cause instanceof Error ? `; caused by ${describeError(err.cause)}` : '';
  return `${name}: ${err.message}${method}${cause}`;
}
