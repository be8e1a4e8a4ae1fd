/** What checking one decision export answers (`cli/verifyDecision.ts`). */
export interface VerifyReport {
  readonly ok: boolean;
  readonly passed: readonly string[];
  readonly failures: readonly string[];
}

/** The collections of decisions a commons export holds (server SPEC COMMONS-3). */
export const COLLECTION_FORMATS = ['ronde-decision-log/1', 'ronde-proposal/1'] as const;

export interface CollectionReport {
  readonly ok: boolean;
  /** One report per decision that carries its signed events, by decision id. */
  readonly decisions: readonly { readonly id: string; readonly report: VerifyReport }[];
  /** Decisions without a meeting log to prove them (an asynchronous consent). */
  readonly unproven: readonly string[];
  readonly failures: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a parsed file is a log or proposal export rather than one decision. */
export function isCollectionExport(data: unknown): boolean {
  return isRecord(data) && (COLLECTION_FORMATS as readonly unknown[]).includes(data.format);
}

/**
 * Checks every decision of a log or proposal export offline (COMMONS-5):
 * each `export` must verify like a single decision's; the collection holds
 * when all of them do.
 *
 * @example
 * const report = verifyCollectionExport(JSON.parse(text), verifyDecisionExport);
 */
export function verifyCollectionExport(
  data: unknown,
  verifyOne: (decisionExport: unknown) => VerifyReport,
): CollectionReport {
  const failures: string[] = [];
  const decisions: { id: string; report: VerifyReport }[] = [];
  const unproven: string[] = [];
  if (!isCollectionExport(data) || !isRecord(data) || !Array.isArray(data.decisions)) {
    failures.push(
      `not a log or proposal export: "format" must be one of ${COLLECTION_FORMATS.join(', ')}`,
    );
    return { ok: false, decisions, unproven, failures };
  }
  data.decisions.forEach((item: unknown, index: number) => {
    const decision = isRecord(item) && isRecord(item.decision) ? item.decision : null;
    const id = typeof decision?.id === 'string' ? decision.id : `#${index}`;
    if (!isRecord(item) || decision === null) {
      failures.push(`decisions[${index}] is not a decision`);
      return;
    }
    if (item.export === null) {
      unproven.push(id);
      return;
    }
    const report = verifyOne(item.export);
    decisions.push({ id, report });
    if (isRecord(item.export) && isRecord(item.export.decision) && item.export.decision.id !== id) {
      failures.push(`decisions[${index}]: the export is of another decision`);
    }
  });
  const ok = failures.length === 0 && decisions.every((d) => d.report.ok);
  return { ok, decisions, unproven, failures };
}
