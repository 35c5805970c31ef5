import type { Rubric, RubricDimension, RubricFamily } from '../../model/rubric.js';

/** Shared by every rubric: how clearly and concisely the candidate gets the answer across. */
const communication: RubricDimension = {
  id: 'communication',
  name: 'Communication and clarity',
  description: 'How clearly, concisely and directly the answer conveys its points to the interviewer.',
  anchors: [
    'No answer, "I don\'t know", off-topic or gibberish; or so disorganised that the main point cannot be identified.',
    'Main point is hard to find; rambling, vague wording or jargon without explanation; the question is only partly addressed.',
    'Answers the question directly and is understandable; some filler, repetition or unexplained terms, but the main points come through.',
    'Leads with the main point, uses precise terms, explains jargon when needed, and stays concise with little repetition.',
    'Crisp and well paced: headline first, each point supported by a specific example or number, terms defined, no filler; easy to follow throughout.',
  ],
};

const technical: Rubric = {
  family: 'technical',
  title: 'Technical interview',
  dimensions: [
    {
      id: 'technical_depth',
      name: 'Technical depth',
      description: 'Accuracy and depth of technical knowledge, including how things work underneath the surface.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or the technical statements are mostly wrong.',
        'Names relevant concepts or tools but explains them vaguely or with noticeable errors; cannot say how they work.',
        'Technically correct at a textbook level; explains the main concepts but does not go into internals, edge cases or limits.',
        'Correct and detailed; explains internals or mechanisms, names relevant edge cases and when the approach stops working.',
        'Precise and deep: explains mechanisms, complexity or performance with numbers, covers edge cases and limits, and corrects common misconceptions.',
      ],
    },
    {
      id: 'problem_solving',
      name: 'Problem solving',
      description: 'Ability to break down the problem, find a working approach and handle complications.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no attempt to approach the problem.',
        'Jumps to a solution that does not fit the problem, or stalls; does not identify the core difficulty.',
        'Reaches a workable solution for the main case; misses some edge cases or does not consider alternatives.',
        'Identifies the core difficulty, compares at least two approaches, picks one with a reason and handles main edge cases.',
        'Decomposes the problem cleanly, weighs alternatives with complexity or cost, handles edge cases and failure paths, and explains how to verify the solution.',
      ],
    },
    communication,
    {
      id: 'structure',
      name: 'Structured reasoning',
      description: 'Whether the answer follows a clear approach: stated plan, ordered steps and explicit trade-offs.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or statements with no discernible order or reasoning.',
        'Jumps between ideas without a plan; steps are out of order or missing; no trade-offs mentioned.',
        'Follows a recognisable order of steps, but the plan is implicit and trade-offs are mentioned only briefly or generically.',
        'States the approach up front, walks through steps in order, and names specific trade-offs of the chosen approach.',
        'Outlines the plan first, moves through each step with justification, weighs concrete trade-offs, and closes with a summary or next steps.',
      ],
    },
    {
      id: 'practical_experience',
      name: 'Practical experience',
      description: 'Use of concrete examples from real work that show the candidate has applied this knowledge.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no connection to any real work.',
        'Only hypothetical or generic statements ("you would usually..."); no specific project, system or situation described.',
        'Mentions a real project or situation, but with few details about what was built, the constraints or the outcome.',
        'Describes a specific project with its context, the candidate’s role, the tools used and what happened as a result.',
        'Gives specific real examples with scale, constraints, numbers and outcomes, including what went wrong and what they would do differently.',
      ],
    },
  ],
};

const systemDesign: Rubric = {
  family: 'system-design',
  title: 'System design interview',
  dimensions: [
    {
      id: 'requirements',
      name: 'Requirements and scope',
      description:
        'How well the candidate clarifies functional scope, non-functional requirements and constraints before designing.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no attempt to understand what the system must do.',
        'Starts designing immediately; requirements are assumed silently and some assumptions conflict with the problem.',
        'Lists the main functional requirements and a few general non-functional ones, without numbers or explicit scope limits.',
        'Clarifies functional and non-functional requirements, states assumptions, estimates key numbers such as users or requests per second.',
        'Defines scope and out-of-scope items, quantifies load, data size, latency and availability targets, and uses them to drive later design choices.',
      ],
    },
    {
      id: 'architecture',
      name: 'Architecture',
      description: 'Quality of the high-level design and the choice of components, data model and interfaces.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no identifiable components or data flow.',
        'Lists components or technologies without explaining how they connect; data flow or data model is missing or wrong.',
        'Presents a reasonable high-level design with main components and data flow; component choices are standard but not justified.',
        'Clear components, APIs and data model; each major component choice is justified against the stated requirements.',
        'Coherent end-to-end design with APIs, data model and data flow; component choices justified with requirements, alternatives rejected with reasons.',
      ],
    },
    {
      id: 'scalability_reliability',
      name: 'Scalability and reliability',
      description: 'Understanding of how the system scales, where the bottlenecks are and how it handles failures.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or scale and failures are not considered at all.',
        'Mentions buzzwords such as "add caching" or "use microservices" without linking them to a specific bottleneck or failure.',
        'Identifies the obvious bottleneck and a standard fix such as caching, replication or sharding; failure handling is generic.',
        'Finds specific bottlenecks, explains how each component scales, and describes concrete failure modes with mitigation such as retries or failover.',
        'Quantifies load per component, identifies bottlenecks with numbers, covers failure modes, consistency, monitoring and recovery, and how the design evolves at 10x scale.',
      ],
    },
    {
      id: 'tradeoffs',
      name: 'Trade-offs',
      description: 'Ability to recognise and reason about competing options and what each one costs.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or presents choices as having no downsides.',
        'Mentions that trade-offs exist but cannot name what is gained or lost by a choice.',
        'Names common trade-offs such as consistency versus availability or cost versus latency, but generically, not tied to this design.',
        'Discusses specific trade-offs of the chosen components for this system and explains why the chosen side fits the requirements.',
        'Weighs alternatives on concrete dimensions such as latency, cost, complexity and consistency, with numbers, and states when a different choice would be better.',
      ],
    },
    communication,
  ],
};

const behavioral: Rubric = {
  family: 'behavioral',
  title: 'Behavioral interview',
  dimensions: [
    {
      id: 'star_structure',
      name: 'STAR structure',
      description: 'Whether the story covers Situation, Task, Action and Result in a clear order.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no specific situation is described.',
        'Describes a general tendency or a vague situation; two or more of Situation, Task, Action, Result are missing.',
        'Covers Situation, Task, Action and Result, but one part is thin, usually the Result, or the story is too long on context.',
        'All four parts present in order with appropriate balance; most of the time spent on the Actions taken.',
        'Tight STAR story: brief context, clear task, detailed actions, specific measurable result, and a link back to the question asked.',
      ],
    },
    {
      id: 'ownership',
      name: 'Ownership',
      description: 'How clearly the candidate shows their personal contribution, speaking in "I" rather than "we".',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or the candidate\'s own role cannot be identified.',
        'Speaks almost only in "we" or about what others did; the candidate\'s own actions are unclear.',
        'Describes some personal actions, but mixes "I" and "we" so that the candidate\'s individual contribution is partly unclear.',
        'Clearly states what they personally decided and did, separate from the team, and takes responsibility for the outcome.',
        'Specific about own decisions and actions, took initiative beyond their role, owns mistakes openly, and credits others accurately.',
      ],
    },
    {
      id: 'impact',
      name: 'Impact',
      description: "How concrete and measurable the results of the candidate's actions are.",
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no result of the actions is mentioned.',
        'Result is vague ("it went well", "the team was happy") with no evidence of what changed.',
        'States a concrete outcome, but without numbers or comparison to the situation before.',
        "Gives a measurable result such as time saved, error rate or revenue, and connects it to the candidate's actions.",
        'Quantified before-and-after results, explains business or user significance, and notes longer-term effects or how the result was verified.',
      ],
    },
    {
      id: 'self_reflection',
      name: 'Self-reflection',
      description: 'Whether the candidate draws honest lessons from the experience and shows how they applied them.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no lesson or reflection offered.',
        'Gives a generic lesson ("communication is important") or deflects blame to others; no self-critique.',
        'Names a relevant lesson learned, but does not say what they would do differently or whether they applied it.',
        'Identifies a specific lesson, what they would do differently, and gives an example of applying it later.',
        'Honest self-critique including own mistakes, specific changed behaviour, and evidence from a later situation showing the lesson worked.',
      ],
    },
    communication,
  ],
};

const leadership: Rubric = {
  family: 'leadership',
  title: 'Leadership interview',
  dimensions: [
    {
      id: 'people_leadership',
      name: 'People leadership',
      description:
        'How the candidate hires, develops, motivates and handles performance issues in the people they lead.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no description of leading or developing people.',
        'Talks about people management in general terms or only about tasks; no specific person, conversation or action.',
        'Describes a real situation with a team member and a reasonable action, such as a 1:1 or feedback, with limited detail.',
        'Specific example of coaching, feedback or a performance issue, with the actions taken and how the person or team changed.',
        'Multiple specific actions such as growth plans, hard conversations or hiring decisions, with measurable outcomes like promotions, retention or delivery improvements.',
      ],
    },
    {
      id: 'decision_making',
      name: 'Decision making',
      description: 'How the candidate makes decisions under uncertainty, uses data and weighs options.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no decision is described.',
        'Decision described without reasoning, or based only on opinion; alternatives and risks are not mentioned.',
        'Explains the decision and a general rationale, mentioning at least one alternative, but with little data or risk analysis.',
        'Lays out options, criteria and data used, explains the choice and the main risks, and how they were mitigated.',
        'Clear decision framework with data, explicit trade-offs and risks, timing under uncertainty, the outcome, and how the decision was reviewed afterwards.',
      ],
    },
    {
      id: 'stakeholder_management',
      name: 'Stakeholder management',
      description: 'How the candidate aligns, informs and resolves conflict with stakeholders across teams and levels.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no stakeholders are mentioned.',
        "Mentions stakeholders only generically; conflict avoided or escalated without the candidate's own action to resolve it.",
        'Identifies the relevant stakeholders and describes keeping them informed, but handling of disagreement is generic.',
        'Names stakeholders and their differing goals, describes how agreement was reached, and how commitments were communicated.',
        'Maps stakeholders and their incentives, resolves a real conflict with specific actions, manages up and across, and shows the resulting agreement held.',
      ],
    },
    {
      id: 'impact',
      name: 'Impact',
      description:
        'The scale and measurable effect of the outcomes the candidate drove for the team, product or business.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no outcome is described.',
        'Outcome vague ("the project was a success") or limited to activity, such as meetings held, rather than results.',
        'Concrete outcome at team level, but without numbers or a clear link to business or user goals.',
        "Measurable results such as delivery time, quality, adoption or revenue, linked to the candidate's leadership actions.",
        "Quantified, multi-team or business-level outcomes with before-and-after numbers, the candidate's specific contribution, and lasting change in how the organisation works.",
      ],
    },
    communication,
  ],
};

const product: Rubric = {
  family: 'product',
  title: 'Product management interview',
  dimensions: [
    {
      id: 'product_sense',
      name: 'Product sense',
      description:
        'How well the candidate understands users and their problems and turns that into a product worth building.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no user or problem is identified.',
        'Jumps to features or solutions without saying who the user is or what problem they have.',
        'Names a target user and a plausible problem, and proposes a reasonable solution, but the user need is assumed rather than explored.',
        'Defines a specific user segment and their pain point, explains why it matters, and links the proposed solution to that need with at least one alternative considered.',
        'Segments users and picks one with a reason, grounds the problem in evidence such as research or data, weighs several solutions and says what would make the product fail.',
      ],
    },
    {
      id: 'analytical_rigour',
      name: 'Analytical rigour and metrics',
      description: 'How the candidate defines success, chooses metrics and reasons from data to a conclusion.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no way of measuring success is mentioned.',
        'Mentions generic metrics ("engagement", "more users") without defining them or saying how they would be measured.',
        'Names relevant, defined metrics such as activation or retention, but does not connect them to the goal or consider what could mislead them.',
        'Picks a primary metric tied to the goal with guardrail metrics, and reasons step by step from data, for example splitting a drop by segment or funnel stage.',
        'Builds a metric tree from the goal down, states hypotheses and how an experiment or analysis would test them, with expected sizes, and names biases or confounders.',
      ],
    },
    {
      id: 'prioritisation',
      name: 'Prioritisation',
      description: 'How the candidate decides what to do first and what not to do, and explains the trade-offs.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no choice between options is made.',
        'Wants to do everything, or chooses by opinion or by who asked loudest; no criteria are given.',
        'Ranks the options with a recognisable criterion such as impact versus effort, but applies it loosely and does not say what is dropped.',
        'States explicit criteria tied to the goal, estimates impact and cost for each option, makes a clear call and says what will not be done and why.',
        'Uses criteria tied to strategy with rough numbers, sequences the work by dependencies and risk, names the cost of delay and how the plan would change with new information.',
      ],
    },
    {
      id: 'execution_alignment',
      name: 'Execution and alignment',
      description:
        'How the candidate gets a product shipped with engineering, design and stakeholders pulling in the same direction.',
      anchors: [
        'No answer, "I don\'t know", off-topic or gibberish; or no description of how the work gets done.',
        'Describes the plan only in general terms; stakeholders, risks and disagreements are not mentioned or are escalated without own action.',
        'Describes a reasonable plan with the teams involved and keeping people informed, but handling of risks or disagreement is generic.',
        'Names the stakeholders and their goals, describes how agreement was reached, the milestones, and how a concrete risk or slip was handled.',
        'Aligns teams on a shared goal with specific actions, resolves a real conflict, adjusts scope to hit a date, and shows the outcome shipped and was followed up with results.',
      ],
    },
    communication,
  ],
};

export const RUBRICS: Record<RubricFamily, Rubric> = {
  technical,
  'system-design': systemDesign,
  behavioral,
  leadership,
  product,
};

export function rubricFor(family: RubricFamily): Rubric {
  return RUBRICS[family];
}
