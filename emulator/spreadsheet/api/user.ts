/** Base.User: an email address (the only thing the emulator knows about a user). */
import type { Env, Facade } from './env';

/** The User methods implemented here (signatures checked against @types/google-apps-script). */
type UserMethods = 'getEmail' | 'getUserLoginId';

class UserApi implements Facade, Pick<GoogleAppsScript.Base.User, UserMethods> {
  self: unknown;
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
  toString(): string {
    return this.email;
  }
}

export function makeUser(env: Env, email: string): GoogleAppsScript.Base.User {
  return env.wrap(new UserApi(email), 'User');
}
