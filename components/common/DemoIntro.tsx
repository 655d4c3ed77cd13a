'use client';
// On a demo cluster's overview, one line under the header says what the cluster shows and which Service
// page to open first (for a front-door story, the proxy's Service: load balancer → proxy → backend).
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { DEMO_CLUSTER_INFO } from '@/lib/demo/catalog';
import { serviceHref } from '@/lib/view/url-state';

/** The description of the demo cluster `active`, on the overview only. */
export function DemoIntro({ active }: { active: string }) {
  const pathname = usePathname();
  const info = DEMO_CLUSTER_INFO.find((c) => c.id === active);
  if (pathname !== '/' || !info) return null;
  const [namespace, name] = info.service.split('/');
  return (
    <p data-testid="demo-intro" className="order-last basis-full text-sm text-slate-700 dark:text-slate-300">
      {info.description}{' '}
      <Link
        href={serviceHref(namespace, name)}
        data-testid="demo-intro-link"
        className="font-medium whitespace-nowrap text-sky-800 underline underline-offset-2 dark:text-sky-300"
      >
        Start with {info.service} →
      </Link>
    </p>
  );
}
