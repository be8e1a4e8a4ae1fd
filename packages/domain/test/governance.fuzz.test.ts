import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChanges } from '../src/governance/applyChanges.ts';
import {
  changedRecord,
  type GovernanceChange,
  type ListOwnerRef,
} from '../src/governance/changes.ts';
import {
  draftAmend,
  draftAmendEntry,
  draftRemove,
  draftRemoveEntry,
  draftUnassign,
} from '../src/governance/draftChanges.ts';
import {
  governanceLog,
  readGovernanceUnit,
  recordHistory,
} from '../src/governance/governanceLog.ts';
import { AMENDABLE_FIELDS, type FieldValue, type FieldRule } from '../src/governance/model.ts';
import {
  addChange,
  listChanges,
  proposalChanges,
  removeChange,
  updateChange,
} from '../src/governance/proposalChanges.ts';
import {
  assignmentsOf,
  circleTree,
  listCircleRecords,
  policiesOf,
  rolesOf,
} from '../src/governance/readRecords.ts';
import { putRecord } from './governanceFixtures.ts';
import {
  modelApply,
  modelOf,
  plainModel,
  writtenAgainstCurrent,
  type Model,
} from './governanceModel.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 4;
const PROPOSALS = 3;
const STEPS = Number(process.env.FUZZ_STEPS ?? 300);
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);

const NAMES = ['Ops', 'Facilitator', 'Secretary', 'Événements', 'Lead link', 'zèbre', 'ops'];
const TEXTS = ['', 'Keep the site up', 'Meetings end on time', 'Deux lecteurs', '😀 budget'];
const PEOPLE = ['user-awa', 'user-bo', 'user-cy'];

interface Run {
  readonly random: Prng;
  readonly spaces: TestNetwork;
  readonly proposals: TestNetwork[];
  next: number;
}

const mint = (run: Run, prefix: string): string =>
  `${prefix}${String(run.next++).padStart(5, '0')}`;

function valueFor(random: Prng, rule: FieldRule, circles: string[]): FieldValue {
  switch (rule) {
    case 'name':
    case 'title':
    case 'short':
      return random.pick(NAMES);
    case 'text':
    case 'long':
      return random.pick(TEXTS);
    case 'id':
      return random.pick(circles);
    case 'flag':
      return random.chance(0.5);
    case 'date':
      return random.pick(['2027-01-31', '2028-02-29', null]);
  }
}

/** One client writes, edits or drops a structured change on its copy of a proposal. */
function clientAct(run: Run, i: number): void {
  const { random } = run;
  const proposal = random.pick(run.proposals).replicas[i]!;
  const space = run.spaces.replicas[i]!;
  const meta = { id: mint(run, 'chg'), by: random.pick(PEOPLE), at: random.int(0, 1000) };
  const circles = listCircleRecords(space);
  const circleIds = circles.map((c) => c.id);
  const roles = circles.flatMap((c) => rolesOf(space, c.id));
  const policies = circles.flatMap((c) => policiesOf(space, c.id));
  const assignments = roles.flatMap((r) => assignmentsOf(space, r.id));
  const owners = [
    ...circles.map((c) => ({ ...c, kind: 'circle' as const })),
    ...roles.map((r) => ({ ...r, kind: 'role' as const })),
  ];
  const list = random.pick(['domains', 'accountabilities'] as const);
  let change: GovernanceChange | null = null;
  switch (random.int(0, 11)) {
    case 0:
      change = {
        ...meta,
        type: 'circle.add',
        circleId: mint(run, 'cir'),
        parentId: random.pick(circleIds),
        name: random.pick(NAMES),
        purpose: random.pick(TEXTS),
      };
      break;
    case 1:
      change = {
        ...meta,
        type: 'role.add',
        roleId: mint(run, 'rol'),
        circleId: random.pick(circleIds),
        name: random.pick(NAMES),
        purpose: random.pick(TEXTS),
        elected: random.chance(0.3),
      };
      break;
    case 2:
      change = {
        ...meta,
        type: 'policy.add',
        policyId: mint(run, 'pol'),
        circleId: random.pick(circleIds),
        title: random.pick(NAMES),
        text: random.pick(TEXTS),
      };
      break;
    case 3: {
      const kind = random.pick(['circle', 'role', 'policy', 'assignment'] as const);
      const ids = {
        circle: circleIds,
        role: roles.map((r) => r.id),
        policy: policies.map((p) => p.id),
        assignment: assignments.map((a) => a.id),
      }[kind];
      if (ids.length === 0) break;
      const rules: Record<string, FieldRule> = AMENDABLE_FIELDS[kind];
      const field = random.pick(Object.keys(rules));
      change = draftAmend(
        space,
        { kind, id: random.pick(ids) },
        field,
        valueFor(random, rules[field]!, circleIds),
        meta,
      );
      break;
    }
    case 4: {
      const owner = random.pick(owners);
      change = {
        ...meta,
        type: 'entry.add',
        owner: { kind: owner.kind, id: owner.id },
        list,
        entryId: mint(run, 'ent'),
        text: random.pick(NAMES),
      };
      break;
    }
    case 5:
    case 6: {
      const withEntries = owners.filter((owner) => owner[list].length > 0);
      if (withEntries.length === 0) break;
      const owner = random.pick(withEntries);
      const entry = random.pick(owner[list]).id;
      const ref: ListOwnerRef = { kind: owner.kind, id: owner.id };
      change = random.chance(0.7)
        ? draftAmendEntry(space, ref, list, entry, random.pick(NAMES), meta)
        : draftRemoveEntry(space, ref, list, entry, meta);
      break;
    }
    case 7:
      if (roles.length === 0) break;
      change = {
        ...meta,
        type: 'person.assign',
        assignmentId: mint(run, 'asg'),
        roleId: random.pick(roles).id,
        personId: random.pick(PEOPLE),
        focus: random.pick(['', 'Newsletter']),
        termEnd: random.pick(['2027-06-30', null]),
      };
      break;
    case 8:
      if (assignments.length > 0) change = draftUnassign(space, random.pick(assignments).id, meta);
      break;
    case 9: {
      const kind = random.pick(['circle', 'role', 'policy'] as const);
      const ids = {
        circle: circleIds,
        role: roles.map((r) => r.id),
        policy: policies.map((p) => p.id),
      }[kind];
      if (ids.length > 0) change = draftRemove(space, { kind, id: random.pick(ids) }, meta);
      break;
    }
    case 10: {
      const existing = listChanges(proposal);
      if (existing.length === 0) break;
      const target = random.pick(existing);
      try {
        updateChange(proposal, target.id, {
          name: random.pick(NAMES),
          after: random.pick(NAMES),
          at: meta.at,
        });
      } catch {
        // An edit that does not fit the change is refused: nothing written.
      }
      break;
    }
    default: {
      const existing = listChanges(proposal);
      if (existing.length > 0) removeChange(proposal, random.pick(existing).id);
    }
  }
  if (change !== null) addChange(proposal, change);
}

interface Tally {
  applied: number;
  conflicts: number;
  changesApplied: number;
  touched: Set<string>;
}

/** The server adopts a proposal as its copy has it; sometimes a decision is applied again. */
function serverAdopts(
  run: Run,
  model: Model,
  tally: Tally,
  decisions: Map<string, GovernanceChange[]>,
): void {
  const { random } = run;
  const server = run.spaces.replicas[0]!;
  if (decisions.size > 0 && random.chance(0.2)) {
    const [id, changes] = random.pick([...decisions.entries()]);
    const before = Y.encodeStateVector(server);
    expect(applyChanges(server, changes, { decisionId: id, proposalId: null, at: 0 }).type).toBe(
      'already-applied',
    );
    expect(Y.encodeStateVector(server)).toEqual(before);
    return;
  }
  const proposal = random.int(0, PROPOSALS - 1);
  const copy = run.proposals[proposal]!.replicas[0]!;
  const changes = listChanges(copy);
  if (changes.length === 0) return;
  const decisionId = `dec${String(decisions.size).padStart(4, '0')}`;
  decisions.set(decisionId, changes);
  const result = applyChanges(server, changes, {
    decisionId,
    proposalId: `prop0${proposal}`,
    at: decisions.size,
  });
  if (result.type === 'applied') {
    tally.applied += 1;
    for (const { change } of result.changes) {
      // Never silently overwritten: whatever applied was written against what it replaced.
      expect(writtenAgainstCurrent(model, change), JSON.stringify(change)).toBe(true);
      modelApply(model, change, decisionId);
      tally.changesApplied += 1;
      tally.touched.add(changedRecord(change).id);
    }
    expect(result.changes).toHaveLength(changes.length);
    // The proposal is done: its author starts the next one from an empty list.
    copy.transact(() => proposalChanges(copy).forEach((_v, id) => removeChange(copy, id)));
  } else {
    expect(result.type).toBe('conflict');
    tally.conflicts += 1;
  }
}

/** A space written by hand with a fixed anchor id, so a seed replays exactly. */
function seedSpace(doc: Y.Doc): void {
  doc.transact(() => {
    const space = doc.getMap('space');
    space.set('id', 'space1');
    space.set('name', 'Fuzz');
    space.set('defaultCircleId', 'anchor1');
    putRecord(doc, 'circle', 'anchor1', { name: 'General', purpose: '', createdAt: 0 });
  });
}

/** Everything the governance page reads, for one replica. */
function view(doc: Y.Doc, touched: Set<string>): unknown {
  return {
    records: plainModel(modelOf(doc)),
    tree: circleTree(doc),
    history: [...touched].sort().map((id) => recordHistory(doc, id)),
    log: [...governanceLog(doc).keys()].sort(),
  };
}

function run(seed: number, tally: Tally): void {
  const random = prng(seed);
  const state: Run = {
    random,
    spaces: new TestNetwork(REPLICAS, random),
    proposals: Array.from({ length: PROPOSALS }, () => new TestNetwork(REPLICAS, random)),
    next: 0,
  };
  const server = state.spaces.replicas[0]!;
  seedSpace(server);
  state.spaces.settle();
  const model = modelOf(server);
  const decisions = new Map<string, GovernanceChange[]>();
  const touched = new Set<string>(['anchor1']);
  const local: Tally = { applied: 0, conflicts: 0, changesApplied: 0, touched };

  for (let step = 0; step < STEPS; step++) {
    const i = random.int(0, REPLICAS - 1);
    const networks = [state.spaces, ...state.proposals];
    const roll = random.next();
    if (roll < 0.04) {
      for (const network of networks) network.disconnect(network.replicas[i]!);
    } else if (roll < 0.1) {
      for (const network of networks) network.reconnect(network.replicas[i]!);
    } else if (roll < 0.55 && i > 0) {
      clientAct(state, i);
    } else if (roll < 0.6) {
      serverAdopts(state, model, local, decisions);
    } else {
      for (const network of networks) network.deliverOne();
    }
  }
  state.spaces.settle();
  for (const network of state.proposals) network.settle();

  // All replicas derive the same records, tree, histories and log.
  const expected = view(server, touched);
  for (const doc of state.spaces.replicas) expect(view(doc, touched)).toEqual(expected);
  for (const network of state.proposals) {
    const [first, ...rest] = network.replicas;
    for (const doc of rest) expect(listChanges(doc)).toEqual(listChanges(first!));
  }
  // No adopted change lost: the records are what the adopted changes say.
  expect(plainModel(modelOf(server))).toEqual(plainModel(model));
  // None applied twice: one history line per applied change, one log entry per decision.
  const lines = [...touched].reduce((n, id) => n + recordHistory(server, id).length, 0);
  expect(lines).toBe(local.changesApplied);
  for (const id of decisions.keys()) expect(readGovernanceUnit(server, id)).not.toBeNull();
  expect(governanceLog(server).size).toBe(decisions.size);

  tally.applied += local.applied;
  tally.conflicts += local.conflicts;
  tally.changesApplied += local.changesApplied;
}

describe('governance convergence fuzz', () => {
  it(`GOV-12 ${REPLICAS} replicas, ${PROPOSALS} proposals: concurrent changes and adoptions converge, none lost or applied twice`, () => {
    const base = fuzzSeed();
    const tally: Tally = { applied: 0, conflicts: 0, changesApplied: 0, touched: new Set() };
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        run(seed, tally);
      } catch (error) {
        console.error(
          `governance fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    // A fuzz that never applies or never conflicts proves nothing.
    expect(tally.applied).toBeGreaterThan(0);
    expect(tally.conflicts).toBeGreaterThan(0);
    console.info(
      `governance fuzz: ${RUNS} runs × ${STEPS} steps from seed ${base}: ${tally.applied} adoptions applied (${tally.changesApplied} changes), ${tally.conflicts} conflicted`,
    );
  }, 60_000);
});
