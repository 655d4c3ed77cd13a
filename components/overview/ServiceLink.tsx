'use client';
// A link to a Service's page, or (in the local-file view) a button that opens its local diagram.
import Link from 'next/link';
import { serviceHref } from '@/lib/view/url-state';

/** Where Service names lead: the shareable Service route, or a callback in the local-file view. */
export type ServiceLinkTarget =
  { kind: 'route' } | { kind: 'local'; onOpen: (namespace: string, name: string) => void };

/** The Service's `namespace/name` (or just its name with `nameOnly`), linked to its page. */
export function ServiceLink({
  namespace,
  name,
  target,
  testId = 'service-link',
  nameOnly = false,
}: {
  namespace: string;
  name: string;
  target: ServiceLinkTarget;
  testId?: string;
  nameOnly?: boolean;
}) {
  const text = nameOnly ? name : `${namespace}/${name}`;
  const className = 'font-mono text-sky-700 underline-offset-2 hover:underline dark:text-sky-300';
  if (target.kind === 'local') {
    return (
      <button type="button" data-testid={testId} className={className} onClick={() => target.onOpen(namespace, name)}>
        {text}
      </button>
    );
  }
  return (
    <Link href={serviceHref(namespace, name)} data-testid={testId} className={className}>
      {text}
    </Link>
  );
}
