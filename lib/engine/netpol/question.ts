// The question the packet tracer asks the policy engine, as defined by the tracer in
// lib/engine/policy-hook.ts (re-exported here so the netpol module has one import point).
export type { PolicyQuestion, PolicyHook, PolicyAnswer } from '../policy-hook';
