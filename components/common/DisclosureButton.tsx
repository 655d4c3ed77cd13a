// A button that shows or hides the content beside it: its state in `aria-expanded`, its words from the caller.

/** Props of DisclosureButton. */
export interface DisclosureButtonProps {
  open: boolean;
  onToggle: () => void;
  /** What the button says in the current state (e.g. "Show the diagram" / "Hide the diagram"). */
  label: string;
  testId: string;
  className: string;
}

/** Shows or hides content (the caller renders it by `open`). */
export function DisclosureButton({ open, onToggle, label, testId, className }: DisclosureButtonProps) {
  return (
    <button type="button" aria-expanded={open} onClick={onToggle} data-testid={testId} className={className}>
      {label}
    </button>
  );
}
