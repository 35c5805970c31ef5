/**
 * The phases of the deep system-design round: what each asks, what it probes for, what the
 * judge grades it on, and its share of the time. A session stores only the phase ids and their
 * budgets (model/design-round.ts); everything else is read from here.
 */
import type { DesignProblem, DesignRound, PhaseId } from '../../model/design-round.js';
import type { PlannedQuestion } from '../../model/session.js';
import type { RoundView } from '../../model/events.js';
import { UsageError } from '../../shared/errors.js';

/** Something a phase's answers should cover; a follow-up probes for the first one missing. */
export interface PhasePoint {
  id: string;
  /** For the instruction: "probes for <probe>". */
  probe: string;
  /** The app's own follow-up when the model's wording cannot be used. */
  fallback: string;
  /** Covered when the phase's answers match. */
  covered: RegExp;
}

export interface PhaseSpec {
  id: PhaseId;
  title: string;
  /** For the header: at most 9 columns. */
  short: string;
  /** Share of the default 45 minutes. */
  minutes: number;
  /** How the phase is opened (its planned question). */
  ask: (problem: DesignProblem) => string;
  points: (problem: DesignProblem) => PhasePoint[];
  /** What the judge grades this phase's answers on (system-design rubric dimensions). */
  focus: string;
}

const point = (id: string, probe: string, fallback: string, covered: RegExp): PhasePoint => ({
  id,
  probe,
  fallback,
  covered,
});

const NUMBERS = /\d/;

export const PHASES: readonly PhaseSpec[] = [
  {
    id: 'requirements',
    title: 'Requirements and clarifying questions',
    short: 'Reqs',
    minutes: 5,
    // The statement is not put as a request ("Design a…"): the reply filter keeps a turn up to its
    // first request, and the question about requirements comes after it.
    ask: (p) =>
      `Here is the problem: ${p.statement} Let's start with the requirements: what must the system do, and what would you like to clarify before designing?`,
    points: () => [
      point(
        'functional',
        'the functional requirements: what users must be able to do',
        'What exactly must users be able to do with it?',
        /\b((users?|clients?|people|customers?|riders?|drivers?|senders?) (can|should|must|need|get|want)|feature|functional|able to|allow|support)/i,
      ),
      point(
        'non-functional',
        'non-functional requirements such as latency, availability or consistency',
        'Which non-functional requirements matter most here, such as latency or availability?',
        /\b(latency|availab|consisten|durab|reliab|non-functional|uptime|fast)/i,
      ),
    ],
    focus: 'requirements (scope, functional and non-functional requirements, stated assumptions)',
  },
  {
    id: 'estimates',
    title: 'Estimates',
    short: 'Estimate',
    minutes: 5,
    ask: () =>
      'Now some estimates: roughly how much traffic and how much storage will this need? Back-of-the-envelope numbers are fine.',
    points: () => [
      point(
        'traffic',
        'the traffic: requests per second for reads and writes',
        'How many requests per second would that be, for reads and for writes?',
        /\b(qps|rps|per second|\/s\b|requests? a second)/i,
      ),
      point(
        'storage',
        'the storage needed over the years',
        'How much storage would that need over, say, five years?',
        /\b(storage|bytes|[kmgtp]b\b|gigabytes?|terabytes?|petabytes?)/i,
      ),
      point('numbers', 'actual numbers', 'Can you put numbers on that?', NUMBERS),
    ],
    focus: 'requirements (quantified load, data size and targets that drive the design)',
  },
  {
    id: 'api-data',
    title: 'API and data model',
    short: 'API/data',
    minutes: 8,
    ask: () => 'What API would the system expose, and what does the data model look like?',
    points: () => [
      point(
        'api',
        'the API: its main endpoints or calls with their parameters',
        'What are the main API calls, with their parameters?',
        /\b(get|post|put|delete|endpoint|api|rpc|call)\b/i,
      ),
      point(
        'data-model',
        'the data model: the main entities, their fields and keys',
        'What are the main tables or entities, and their keys?',
        /\b(table|schema|entit|column|field|primary key|key|record|document)/i,
      ),
      point(
        'store',
        'which kind of database they would choose, and why',
        'Which kind of database would you store that in, and why?',
        /\b(sql|nosql|postgres|mysql|cassandra|dynamo|redis|key-value|relational|database|store)\b/i,
      ),
    ],
    focus: 'architecture (API and data model fit the requirements)',
  },
  {
    id: 'high-level',
    title: 'High-level design',
    short: 'Design',
    minutes: 12,
    ask: () => 'Sketch the high-level design: the main components, and how a request flows through them.',
    points: () => [
      point(
        'components',
        'the main components and what each is responsible for',
        'What are the main components, and what does each one do?',
        /\b(service|server|load balancer|gateway|worker|cluster|component)/i,
      ),
      point(
        'flow',
        'how one request flows through the components',
        'Can you walk me through one request from start to finish?',
        /\b(flow|then|goes to|forwards?|routes?|returns?|sends?)\b/i,
      ),
      point(
        'scaling-parts',
        'caching or queues: where they fit, if at all',
        'Where, if anywhere, would you put a cache or a queue?',
        /\b(cache|caching|queue|cdn|stream|kafka|pub.?sub)/i,
      ),
    ],
    focus: 'architecture (components, data flow, justified choices)',
  },
  {
    id: 'deep-dive',
    title: 'Deep dive',
    short: 'Deep dive',
    minutes: 10,
    ask: (p) => `Let's go deeper into ${p.deepDive[0] ?? 'the hardest part'}: how would it work in detail?`,
    points: (p) =>
      p.deepDive
        .slice(1)
        .map((topic, i) =>
          point(
            `deep-${i + 1}`,
            `how they would handle ${topic}`,
            `How would you handle ${topic}?`,
            new RegExp(`\\b${escapeRegExp((topic.split(/\s+/)[0] ?? topic).slice(0, 6))}`, 'i'),
          ),
        ),
    focus: 'architecture and scalability_reliability (depth on the hardest component)',
  },
  {
    id: 'trade-offs',
    title: 'Bottlenecks and trade-offs',
    short: 'Trade-off',
    minutes: 5,
    ask: () => 'Where are the bottlenecks in this design, and what trade-offs did you make?',
    points: () => [
      point(
        'bottleneck',
        'the bottlenecks and what happens when a component fails',
        'What breaks first under load, and what happens when a component fails?',
        /\b(bottleneck|hot|overload|single point|fail|failover|outage|down\b)/i,
      ),
      point(
        'trade-offs',
        'the trade-offs of their choices: what they gave up',
        'What did you give up with those choices?',
        /\b(trade-?offs?|instead|versus|vs\.?|at the (cost|expense)|downside|drawback)/i,
      ),
    ],
    focus: 'scalability_reliability and tradeoffs (bottlenecks, failures, what each choice costs)',
  },
];

/** The default length of the round, in minutes (the phases' budgets add up to it). */
export const DEFAULT_ROUND_MINUTES = PHASES.reduce((sum, p) => sum + p.minutes, 0);

export function phaseSpec(id: PhaseId): PhaseSpec {
  const spec = PHASES.find((p) => p.id === id);
  if (!spec) throw new Error(`unknown phase ${id}`);
  return spec;
}

/**
 * The round for a problem: every phase, its budget scaled from the default 45 minutes to
 * `minutes` (whole minutes, at least one each).
 */
export function buildRound(problem: DesignProblem, minutes = DEFAULT_ROUND_MINUTES): DesignRound {
  const scale = minutes / DEFAULT_ROUND_MINUTES;
  return {
    problem,
    phases: PHASES.map((p) => ({ id: p.id, budgetSec: Math.max(1, Math.round(p.minutes * scale)) * 60 })),
  };
}

/** The round's planned questions: one per phase (question number = phase number). */
export function roundPlan(round: DesignRound): PlannedQuestion[] {
  return round.phases.map((phase) => {
    const spec = phaseSpec(phase.id);
    return {
      text: spec.ask(round.problem),
      difficulty: 'medium',
      topics: [],
      focus: `${spec.title}: ${spec.focus}`,
    };
  });
}

/**
 * The problem to work on: the one named, else one picked at random among the problems not done
 * most recently (`recent`: problem ids, newest first).
 */
export function chooseProblem(
  problems: readonly DesignProblem[],
  named: string | null,
  recent: readonly string[] = [],
  random: () => number = Math.random,
): DesignProblem {
  if (problems.length === 0) {
    throw new UsageError(
      'This role has no design problems for the deep round.',
      'Use --role system-design, or add "problems" to your role file (see README: the deep system-design round).',
    );
  }
  if (named) {
    const found = problems.find((p) => p.id === named.trim().toLowerCase());
    if (!found)
      throw new UsageError(
        `Unknown problem "${named}". Problems: ${problems.map((p) => p.id).join(', ')}.`,
        'Leave out --problem to get one at random.',
      );
    return found;
  }
  const fresh = problems.filter((p) => !recent.includes(p.id));
  const pool = fresh.length > 0 ? fresh : problems;
  const picked = pool[Math.min(pool.length - 1, Math.floor(random() * pool.length))];
  if (!picked) throw new Error('no problem picked from a non-empty pool');
  return picked;
}

/** What the screens show of a round. */
export function roundView(round: DesignRound): RoundView {
  return {
    problemTitle: round.problem.title,
    phases: round.phases.map((p) => {
      const spec = phaseSpec(p.id);
      return { title: spec.title, short: spec.short, budgetSec: p.budgetSec };
    }),
  };
}

/** `Phase 2 of 6: Estimates (5 min)`: how a phase is announced in the transcript. */
export function phaseLine(p: { number: number; of: number; title: string; budgetSec: number }): string {
  return `Phase ${p.number} of ${p.of}: ${p.title} (${Math.round(p.budgetSec / 60)} min)`;
}

/** `5/5/8/12/10/5`: each phase's budget in minutes. */
export function budgetsText(round: Pick<DesignRound, 'phases'>): string {
  return round.phases.map((p) => Math.round(p.budgetSec / 60)).join('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
