// Light/dark theme: toggled from the header, persisted, applied before the first paint.
import { expect, test } from '@playwright/test';
import { AppHeader } from './pages/app-header';
import { keepScreenshot } from './support/artifacts';

test('the theme toggle persists the choice and applies it before paint', async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const header = new AppHeader(page);
  const html = page.locator('html');
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(header.themeToggle).toHaveAccessibleName('Switch to dark theme');

  await header.themeToggle.click();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(header.themeToggle).toHaveAccessibleName('Switch to light theme');
  expect(await page.evaluate(() => localStorage.getItem('kubepath-theme'))).toBe('dark');

  // After a reload the class is there as soon as the document is parsed (no light flash).
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(() => document.body !== null);
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await page.waitForLoadState('load');
  await keepScreenshot(page, testInfo, 'overview-dark');

  await header.themeToggle.click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  expect(await page.evaluate(() => localStorage.getItem('kubepath-theme'))).toBe('light');
});

test('without a stored choice the system preference applies', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
});
