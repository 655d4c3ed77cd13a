'use client';
// "Skip to content": moves focus to the page's main region, whatever the page. The target is
// `#main` where a page names it, else the first <main>; it is made focusable (tabindex -1) so the
// next Tab continues from there, which a plain fragment link does not guarantee.

/** The skip link rendered first in <body>; visible only while focused. */
export function SkipLink() {
  return (
    <a
      href="#main"
      data-testid="skip-link"
      onClick={(e) => {
        const target = document.getElementById('main') ?? document.querySelector('main');
        if (!target) return;
        e.preventDefault();
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: 'start' });
      }}
      className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900 focus:outline-2 focus:outline-sky-500"
    >
      Skip to content
    </a>
  );
}
