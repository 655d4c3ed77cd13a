import { chromium } from '@playwright/test';
const [,, url, width, height, out, full] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url);
await page.waitForLoadState('networkidle');
if (process.env.FILE) { await page.getByTestId('local-file-input').setInputFiles(process.env.FILE); await page.getByTestId('local-status').filter({hasText: /^Analysed/}).waitFor(); }
const wide = await page.evaluate(() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1).slice(0, 8)
    .map((e) => `${e.tagName}.${(e.className && e.className.baseVal === undefined ? e.className : '').toString().slice(0, 60)} ${Math.round(e.getBoundingClientRect().right)}`);
});
console.log('scrollWidth', await page.evaluate(() => document.documentElement.scrollWidth), wide.join('\n'));
await page.screenshot({ path: out, fullPage: full === 'full' });
await browser.close();
