// What the engine answered for a traced packet, under one traffic policy: verdict, where it went,
// the source the pod sees, the NetworkPolicy verdict, each hop with its addresses, and the rules. The endpoints
// come in rows: above 32, the ones the packet treats alike are one row with a count (lib/view/trace-endpoints.ts).
import type { TraceResult, TrafficPolicy } from '@/lib/engine/types';
import { formatShare } from '@/lib/view/format';
import { VERDICT_ICON } from '@/lib/view/diagram/verdict';
import type { TraceOutcome } from '@/lib/view/trace-api';
import { traceHeadline, type HeadlineTone } from '@/lib/view/trace/headline';
import { PhoneClampedText } from '../common/PhoneClampedText';

/** Headline colour and icon per tone (the words say it too). */
const TONE: Record<HeadlineTone, { cls: string; icon: string }> = {
  reaches: { cls: 'text-emerald-700 dark:text-emerald-400', icon: VERDICT_ICON.allowed },
  blocked: { cls: 'text-red-700 dark:text-red-400', icon: VERDICT_ICON.denied },
  partial: { cls: 'text-amber-700 dark:text-amber-400', icon: VERDICT_ICON.mixed },
  unknown: { cls: 'text-slate-700 dark:text-slate-300', icon: VERDICT_ICON.unknown },
};

const POLICY_STYLE: Record<TraceResult['endpoints'][number]['policy'], string> = {
  allowed: 'text-emerald-700 dark:text-emerald-400',
  denied: 'text-red-700 dark:text-red-400',
  unknown: 'text-slate-700 dark:text-slate-300',
};

/** One policy's trace answer. */
export function TraceResultView({
  outcome,
  policy,
  actual,
}: {
  outcome: TraceOutcome;
  policy: TrafficPolicy;
  actual: boolean;
}) {
  const heading = `${policy}${actual ? ' (actual)' : ' (what if)'}`;
  if (!outcome.ok) {
    return (
      <div
        data-testid="trace-result"
        data-policy={policy}
        data-error="true"
        role="alert"
        className="rounded border border-red-300 p-3 text-sm dark:border-red-800"
      >
        <h3 className="font-medium">{heading}</h3>
        <p data-testid="trace-error">{outcome.error}</p>
      </div>
    );
  }
  const r = outcome.result;
  const headline = traceHeadline(r);
  const tone = TONE[headline.tone];
  return (
    <div
      data-testid="trace-result"
      data-policy={policy}
      data-verdict={r.verdict}
      className="space-y-2 rounded border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      <h3 className="font-medium">
        {heading}:{' '}
        <span className={`font-semibold ${tone.cls}`} data-testid="trace-headline" data-tone={headline.tone}>
          <span aria-hidden="true">{tone.icon} </span>
          {headline.text}
        </span>
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        service proxy: <span data-testid="trace-verdict">{r.verdict}</span>
        {r.node ? (
          <span className="font-normal">
            {' '}
            at node <span className="font-mono">{r.node}</span>
          </span>
        ) : null}
        {r.entry ? <span className="font-normal"> via {r.entry}</span> : null}
      </p>
      <p>{r.reason}</p>
      {r.masqueraded !== null ? (
        <p>
          {r.masqueraded ? (
            <>
              SNAT: the pod sees <span className="font-mono">{r.snatSource ?? 'a node address'}</span>
            </>
          ) : (
            'No SNAT: the pod sees the original source.'
          )}
        </p>
      ) : null}
      {r.endpoints.length > 0 ? (
        <ul className="space-y-0.5" data-testid="trace-endpoints">
          {r.endpoints.map((e) => (
            <li
              key={`${e.ip}:${e.port}`}
              data-testid="trace-endpoint"
              data-pod={e.pod ?? undefined}
              data-count={e.count}
              className="font-mono text-xs"
            >
              {e.count > 1
                ? `${e.count} pods alike (${e.members.slice(0, 3).join(', ')}, …) port ${e.port} ${formatShare(e.share)} each`
                : `${e.pod ?? e.ip} (${e.ip}:${e.port}) ${formatShare(e.share)}`}{' '}
              · sees {e.sourceIP ?? '?'} ·{' '}
              <span className={`font-semibold ${POLICY_STYLE[e.policy]}`} data-testid="trace-endpoint-policy">
                {VERDICT_ICON[e.policy]} {e.policy}
              </span>
              {e.policyReason ? <EndpointReason ofFirst={e.count > 1} reason={e.policyReason} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {r.policy !== null ? (
        <p>
          NetworkPolicy: <span className="font-medium">{r.policy}</span>
          {r.policyReason ? ` — ${r.policyReason}` : ''}
        </p>
      ) : null}
      <ol className="list-decimal space-y-0.5 pl-5" data-testid="trace-hops">
        {r.hops.map((h, i) => (
          <li key={i} data-testid="trace-hop" data-kind={h.kind}>
            <span className="font-medium">{h.label}</span>{' '}
            <span className="font-mono text-xs">
              {h.src ?? '—'} → {h.dst ?? '—'}
            </span>
            {h.detail ? <span className="block text-xs text-slate-600 dark:text-slate-400">{h.detail}</span> : null}
          </li>
        ))}
      </ol>
      {r.rules.length > 0 ? (
        <details className="text-xs">
          <summary className="cursor-pointer">Rules that decided this ({r.rules.length})</summary>
          <ul className="mt-1 list-disc pl-5">
            {r.rules.map((rule, i) => (
              <li key={i}>{rule}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/**
 * An endpoint's NetworkPolicy reason. On a phone it starts on its own line, cut to two when long, with a button for
 * the rest (PhoneClampedText); wider screens show it whole after a dash.
 */
function EndpointReason({ ofFirst, reason }: { ofFirst: boolean; reason: string }) {
  return (
    <span className="font-sans text-slate-600 dark:text-slate-400">
      <span className="max-sm:hidden"> — </span>
      <PhoneClampedText
        text={reason}
        // A row of pods alike shows its first pod's reason.
        prefix={ofFirst ? 'for the first: ' : ''}
        testId="trace-endpoint-reason"
        toggleTestId="trace-endpoint-reason-toggle"
        more="Show the whole reason"
      />
    </span>
  );
}
