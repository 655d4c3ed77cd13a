// Applies the stored (or system) colour theme before the first paint, so dark mode never flashes
// light. Loaded as a blocking <script src> from app/layout.tsx; kept tiny and dependency-free.
(function () {
  var dark = false;
  try {
    var stored = window.localStorage.getItem('kubepath-theme');
    dark = stored ? stored === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  } catch (e) {
    // Storage disabled: fall back to light.
  }
  var root = document.documentElement;
  if (dark) root.classList.add('dark');
  root.style.colorScheme = dark ? 'dark' : 'light';
})();
