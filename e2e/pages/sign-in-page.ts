// Page object for the test OpenID Provider's sign-in page (e2e/sso/support/oidc-server.mjs), which
// oauth2-proxy sends signed-out browsers to.
import type { Locator, Page } from '@playwright/test';

/** The provider's sign-in form. */
export class SignInPage {
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in' });
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  /** Waits for the form (after a redirect to the provider). */
  async waitFor(): Promise<void> {
    await this.heading.waitFor();
  }

  /** Fills the form and submits it; the provider then redirects back through oauth2-proxy. */
  async signIn(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
