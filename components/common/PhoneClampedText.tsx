'use client';
// Long text cut to two lines below the `sm` breakpoint, with a button for the rest; whole on wider screens. A
// NetworkPolicy denial's reason (the isolating policies, the address the policy saw, what the CNI does) runs to
// 400–600 characters: on a phone each became a paragraph of ten lines or more.
import { useState } from 'react';
import { DisclosureButton } from './DisclosureButton';

/** Texts longer than this are cut on a phone. */
const LONG_TEXT = 160;

/** Props of PhoneClampedText. */
export interface PhoneClampedTextProps {
  text: string;
  /** Before the text, inside the cut (e.g. "for the first: "). */
  prefix?: string;
  testId: string;
  toggleTestId: string;
  /** What the button says while the text is cut (e.g. "Show the whole reason"). */
  more: string;
}

/** `text`, cut to two lines on a phone when long, with a button that shows the rest. */
export function PhoneClampedText({ text, prefix = '', testId, toggleTestId, more }: PhoneClampedTextProps) {
  const [open, setOpen] = useState(false);
  const long = text.length > LONG_TEXT;
  return (
    <>
      <span
        data-testid={testId}
        // line-clamp is a block box of its own (display: -webkit-box); `block` would undo it.
        className={long && !open ? 'max-sm:line-clamp-2' : 'max-sm:block'}
      >
        {prefix}
        {text}
      </span>
      {long ? (
        <DisclosureButton
          open={open}
          onToggle={() => setOpen(!open)}
          label={open ? 'Show less' : more}
          testId={toggleTestId}
          className="text-sky-700 underline sm:hidden dark:text-sky-400"
        />
      ) : null}
    </>
  );
}
