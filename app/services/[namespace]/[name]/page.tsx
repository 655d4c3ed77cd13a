// The Service page: the packet-path diagrams (Cluster and Local, the actual one marked), per-pod
// shares, the trace form, the Service's findings and the NetworkPolicies selecting its pods.
// A Server Component: it reads the cluster view and the URL state, computes every diagram with the
// pure functions of lib/view and hands plain data to the interactive client part.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Header } from '@/components/common/Header';
import { NoticeList } from '@/components/common/NoticeList';
import { FindingsSection } from '@/components/service/FindingsSection';
import { FrontDoorSection } from '@/components/service/FrontDoorSection';
import { FrontDoorSummary } from '@/components/service/FrontDoorSummary';
import { PoliciesSection } from '@/components/service/PoliciesSection';
import { ServiceFactsPanel } from '@/components/service/ServiceFactsPanel';
import { UrlServiceWorkbench } from '@/components/service/UrlServiceWorkbench';
import { getClusterView } from '@/lib/source';
import { runTrace } from '@/lib/view/run-trace';
import { buildServicePageData, findServiceAnalysis } from '@/lib/view/service-page-data';
import { decodeServiceState } from '@/lib/view/url-state';

// Cluster data can change under the same URL (snapshots are re-read, later a live cluster).
export const dynamic = 'force-dynamic';

/** Route props (Next 15+: params and searchParams are Promises). */
interface ServicePageProps {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Route segments arrive percent-encoded in some Next versions; Kubernetes names never contain `%`. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Page title: the Service's namespace/name. */
export async function generateMetadata({ params }: ServicePageProps): Promise<Metadata> {
  const p = await params;
  return { title: `${segment(p.namespace)}/${segment(p.name)} · kubepath` };
}

/** The Service page. */
export default async function ServicePage({ params, searchParams }: ServicePageProps) {
  const p = await params;
  const namespace = segment(p.namespace);
  const name = segment(p.name);
  const { state, notices } = decodeServiceState(await searchParams);
  const view = await getClusterView();
  const analysis = findServiceAnalysis(view.analysis, namespace, name);
  if (!analysis) notFound();

  const data = buildServicePageData(view.model, view.analysis, analysis, {
    group: state.group,
    clientIP: state.client,
    clientPod: state.pod,
  });
  // A link with trace inputs reproduces the trace: run it here so the first paint shows the path.
  const initialTraces = state.trace
    ? {
        Cluster: runTrace(view, analysis.entries, state.trace, 'Cluster'),
        Local: runTrace(view, analysis.entries, state.trace, 'Local'),
      }
    : null;
  const allNotices = [
    ...notices,
    ...(state.client
      ? [
          `The sample client ${state.client} is used as the trace form's default source; the diagrams use the engine's sample client ${analysis.paths[analysis.externalTrafficPolicy].clientIP}.`,
        ]
      : []),
  ];

  return (
    <>
      <Header
        source={{
          kind: view.source.kind,
          label: view.source.label,
          loadedAt: view.source.loadedAt,
          demo: view.source.demo,
        }}
        dataplane={view.dataplane}
      />
      <main
        className="mx-auto max-w-[1800px] space-y-8 px-4 py-6"
        data-testid="service-page"
        data-service={analysis.service}
      >
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/" className="underline-offset-4 hover:underline">
            Overview
          </Link>
          <span aria-hidden="true"> / </span>
          <span>{namespace}</span>
          <span aria-hidden="true"> / </span>
          <span aria-current="page">{name}</span>
        </nav>
        <ServiceFactsPanel facts={data.facts} />
        <FrontDoorSummary view={data.frontDoor} />
        <NoticeList title="Parts of this link were not used" items={allNotices} tone="warning" testId="url-notices" />
        <NoticeList title="Data problems" items={view.source.errors} tone="error" testId="source-errors" />
        <UrlServiceWorkbench
          key={analysis.service}
          data={{
            namespace,
            name,
            sourceLabel: view.source.label,
            paths: data.paths,
            defaultPath: data.defaultPath,
            traceDefaults: data.traceDefaults,
            nodeNames: data.nodeNames,
            podSuggestions: data.podSuggestions,
          }}
          initialState={state}
          initialTraces={initialTraces}
        />
        <FrontDoorSection view={data.frontDoor} target={{ kind: 'route' }} />
        <FindingsSection findings={data.findings} />
        <PoliciesSection policies={data.policies} actual={analysis.externalTrafficPolicy} />
      </main>
    </>
  );
}
