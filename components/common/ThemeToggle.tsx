'use client';
// Light/dark switch. The choice is stored in localStorage and applied by public/theme-init.js
// before the first paint (no flash); this button only flips the `dark` class and stores it.
import { useSyncExternalStore } from 'react';

/** localStorage key of the chosen theme ('light' | 'dark'; absent = follow the system). */
export const THEME_STORAGE_KEY = 'kubepath-theme';

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const isDark = () => document.documentElement.classList.contains('dark');

/** Button toggling the theme; its accessible name says what it will do. */
export function ThemeToggle() {
  // null on the server: the theme is only known in the browser.
  const dark = useSyncExternalStore(subscribe, isDark, () => null);
  const toggle = () => {
    const next = !isDark();
    document.documentElement.classList.toggle('dark', next);
    document.documentElement.style.colorScheme = next ? 'dark' : 'light';
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next ? 'dark' : 'light');
    } catch {
      // Storage may be disabled (private mode); the switch still works for this page.
    }
    listeners.forEach((l) => l());
  };
  const label = dark === null ? 'Toggle light/dark theme' : dark ? 'Switch to light theme' : 'Switch to dark theme';
  return (
    <button
      type="button"
      onClick={toggle}
      // Until hydrated a click would do nothing: disabled says so (and a test's click waits for it). On a slow
      // load the header is on screen a second or more before its script runs.
      disabled={dark === null}
      data-testid="theme-toggle"
      aria-label={label}
      title={label}
      className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 disabled:opacity-50 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
    >
      <span aria-hidden="true">{dark ? '☀' : '☾'}</span>
    </button>
  );
}
