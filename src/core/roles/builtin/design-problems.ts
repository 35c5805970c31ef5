import type { DesignFact, DesignProblem } from '../../../model/design-round.js';

/** Shorthand: the keywords a question about this fact uses, then the fact as the interviewer states it. */
const fact = (keywords: string[], text: string): DesignFact => ({ keywords, fact: text });

/**
 * The deep round's problem bank (system-design role): classic problems, each with the facts the
 * interviewer states as assumptions when asked (scale, read/write ratio, latency targets...).
 */
export const DESIGN_PROBLEMS: DesignProblem[] = [
  {
    id: 'url-shortener',
    title: 'URL shortener',
    statement: 'Design a URL shortener like bit.ly: people paste a long link and get a short one that redirects to it.',
    facts: [
      fact(
        ['users', 'scale', 'how many', 'traffic', 'new links', 'write', 'create'],
        'About 100 million new short links a month.',
      ),
      fact(['read', 'ratio', 'redirect', 'clicks'], 'Reads outnumber writes about 100 to 1: redirects dominate.'),
      fact(['latency', 'fast', 'slow', 'response'], 'A redirect should take under 50 ms at the 99th percentile.'),
      fact(
        ['expire', 'expiry', 'ttl', 'retention', 'keep', 'delete'],
        'Links are kept for five years unless the owner sets an expiry.',
      ),
      fact(['custom', 'alias', 'vanity'], 'Custom aliases are a nice-to-have, not required.'),
      fact(['analytics', 'stats', 'count'], 'Click analytics are out of scope for now.'),
      fact(
        ['available', 'availability', 'downtime', 'uptime'],
        'Redirects must stay available (99.99%); creating links may degrade briefly.',
      ),
    ],
    deepDive: ['short-code generation', 'collisions', 'caching hot links'],
  },
  {
    id: 'news-feed',
    title: 'News feed',
    statement: 'Design the news feed of a social network: each user sees recent posts from the people they follow.',
    facts: [
      fact(['users', 'scale', 'how many', 'active', 'daily'], '300 million daily active users.'),
      fact(
        ['follow', 'friends', 'followers', 'celebrit'],
        'A user follows 200 accounts on average; some accounts have millions of followers.',
      ),
      fact(
        ['post', 'write', 'ratio', 'read'],
        'Each user posts about once a day and opens the feed about 10 times a day.',
      ),
      fact(['latency', 'fast', 'load'], 'The feed should load in under 200 ms.'),
      fact(['order', 'rank', 'sort', 'chronolog'], 'Reverse-chronological order is fine; ranking is out of scope.'),
      fact(['media', 'image', 'video', 'photo'], 'Posts may carry images; storing media is a separate service.'),
      fact(
        ['consisten', 'stale', 'delay', 'fresh'],
        'A new post may take a few seconds to appear in followers\u2019 feeds.',
      ),
    ],
    deepDive: ['fan-out on write versus on read', 'celebrity accounts', 'feed cache'],
  },
  {
    id: 'chat',
    title: 'Chat service',
    statement: 'Design a chat service like WhatsApp: one-to-one and small group conversations on phones.',
    facts: [
      fact(['users', 'scale', 'how many', 'active', 'daily'], '50 million daily active users.'),
      fact(['messages', 'traffic', 'volume', 'write'], 'About 40 messages per user per day.'),
      fact(['group', 'members'], 'Groups have at most 100 members.'),
      fact(
        ['latency', 'fast', 'deliver', 'real-time', 'realtime'],
        'Messages should arrive within a second when both people are online.',
      ),
      fact(
        ['offline', 'history', 'store', 'storage', 'keep', 'retention'],
        'Messages wait on the server until delivered, and history is kept for a year.',
      ),
      fact(['order', 'ordering'], 'Within one conversation, everyone must see messages in the same order.'),
      fact(['media', 'image', 'video', 'file'], 'Text only for now; attachments are out of scope.'),
      fact(
        ['read receipt', 'receipt', 'presence', 'online status', 'typing'],
        'Delivery receipts are required; typing indicators are optional.',
      ),
    ],
    deepDive: ['message delivery to offline users', 'ordering', 'connection handling'],
  },
  {
    id: 'rate-limiter',
    title: 'Rate limiter',
    statement:
      'Design a rate limiter for a public API that runs on many servers: each client may make at most a set number of requests.',
    facts: [
      fact(['limit', 'how many', 'rate', 'requests'], 'Each API key may make 1,000 requests per minute.'),
      fact(
        ['scale', 'traffic', 'servers', 'clients', 'users', 'qps'],
        'About 1 million API keys and 500,000 requests per second in total, across 200 API servers.',
      ),
      fact(['latency', 'overhead', 'fast', 'slow'], 'The check may add at most 5 ms to a request.'),
      fact(
        ['exact', 'accura', 'precise', 'strict', 'burst'],
        'Small overshoots (a few percent) are acceptable; short bursts are allowed.',
      ),
      fact(
        ['fail', 'down', 'outage', 'unavailable'],
        'If the limiter is down, requests should be let through rather than rejected.',
      ),
      fact(
        ['response', 'reject', 'error', 'header', '429'],
        'Rejected requests get HTTP 429 with a Retry-After header.',
      ),
    ],
    deepDive: ['the counting algorithm', 'shared counters across servers', 'hot keys'],
  },
  {
    id: 'ride-hailing',
    title: 'Ride-hailing dispatch',
    statement:
      'Design the dispatch of a ride-hailing app like Uber: match a rider who requests a ride with a nearby driver.',
    facts: [
      fact(['drivers', 'scale', 'how many', 'active'], '1 million active drivers at peak, worldwide.'),
      fact(['location', 'update', 'gps', 'position'], 'Each active driver sends a location update every 4 seconds.'),
      fact(
        ['rides', 'requests', 'riders', 'traffic', 'demand'],
        'About 20 million rides a day, with peaks of 2,000 ride requests per second.',
      ),
      fact(['latency', 'fast', 'match', 'wait'], 'A rider should be matched within 5 seconds.'),
      fact(
        ['region', 'city', 'cities', 'global', 'geograph'],
        'Dispatch works city by city; there is no cross-city matching.',
      ),
      fact(['payment', 'pricing', 'price', 'surge', 'fare'], 'Payments and pricing are out of scope.'),
      fact(['consisten', 'double', 'twice', 'assign'], 'A driver must never be assigned two rides at once.'),
    ],
    deepDive: ['geospatial indexing of drivers', 'matching without double-assigning', 'location update load'],
  },
];
