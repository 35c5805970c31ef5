import { Box, Text } from 'ink';
import type { Evaluation } from '../../model/evaluation.js';
import { describeFacts } from '../../core/evaluation/describe-facts.js';
import { shortId } from '../../shared/format.js';
import { displayWidth, pad } from '../../shared/text.js';

const scoreColor = (score: number, max: number) =>
  score / max >= 0.7 ? 'green' : score / max >= 0.4 ? 'yellow' : 'red';

/** The evaluation screen: overall score, rubric scores with quoted evidence, strengths, areas, per answer. */
export function EvaluationView({ evaluation: e, sessionId }: { evaluation: Evaluation; sessionId: string }) {
  if (e.status === 'unreadable') {
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text color="red" bold>
          ✖ Evaluation unreadable: the saved evaluation is damaged, so no score is shown.
        </Text>
        <Text>{e.error}</Text>
        <Text dimColor>Evaluate again with: interview-coach evaluate {shortId(sessionId)}</Text>
      </Box>
    );
  }
  if (e.status === 'failed') {
    return (
      <Box flexDirection="column" marginTop={1}>
        <Text color="red" bold>
          ✖ Evaluation failed: no score was given.
        </Text>
        <Text>{e.error}</Text>
        <Text dimColor>Retry with: interview-coach evaluate {shortId(sessionId)}</Text>
      </Box>
    );
  }
  const nameWidth = Math.max(0, ...e.dimensions.map((d) => displayWidth(d.name)));
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor="magenta" paddingX={1}>
      {e.kind === 'ai' ? (
        <>
          <Text bold>
            Evaluation · <Text color={scoreColor(e.overallScore, 100)}>{e.overallScore}/100</Text>
            <Text dimColor> (AI judge: {e.model})</Text>
          </Text>
          {e.evidenceNote ? <Text color="yellow">{e.evidenceNote}</Text> : null}
          <Box flexDirection="column" marginTop={1}>
            {e.dimensions.map((d) => (
              <Text key={d.id}>
                {d.score === null ? <Text dimColor>n/a</Text> : <Text color={scoreColor(d.score, 5)}>{d.score}/5</Text>}{' '}
                <Text bold>{pad(d.name, nameWidth)}</Text>
                <Text dimColor> {d.evidence ? `“${d.evidence}”` : '(no quote from your answers supports more)'}</Text>
              </Text>
            ))}
          </Box>
        </>
      ) : (
        <>
          <Text bold>
            Feedback <Text color="yellow">(heuristic, no AI: facts, not a grade)</Text>
          </Text>
          {e.evidenceNote ? <Text color="yellow">{e.evidenceNote}</Text> : null}
          <Box flexDirection="column" marginTop={1}>
            {e.perAnswer.map((a) => (
              <Text key={a.questionNumber}>
                <Text bold>Q{a.questionNumber}</Text>{' '}
                <Text dimColor>{a.skipped ? 'skipped' : describeFacts(a.facts)}</Text>
              </Text>
            ))}
          </Box>
        </>
      )}
      <List title="Strengths" items={e.strengths} empty="none identified from your answers" color="green" />
      <List title="Areas for improvement" items={e.areas} empty="—" color="yellow" />
      {e.kind === 'ai'
        ? e.perAnswer.map((a) => (
            <Box key={a.questionNumber} flexDirection="column" marginTop={1}>
              <Text bold>
                Q{a.questionNumber} <Text color={scoreColor(a.score, 5)}>({a.score}/5)</Text>. {a.question}
              </Text>
              <Text>
                <Text color="green">Landed: </Text>
                {a.landed}
              </Text>
              <Text>
                <Text color="yellow">Missing: </Text>
                {a.missing}
              </Text>
              <Text>
                <Text color="cyan">Stronger, from what you said: </Text>
                {a.strongerAnswer}
              </Text>
            </Box>
          ))
        : null}
      {e.kind === 'ai' && e.detailedFeedback ? (
        <Box marginTop={1}>
          <Text>{e.detailedFeedback}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

function List({ title, items, empty, color }: { title: string; items: string[]; empty: string; color: string }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold color={color}>
        {title}
      </Text>
      {items.length === 0 ? <Text dimColor> {empty}</Text> : items.map((s, i) => <Text key={i}> • {s}</Text>)}
    </Box>
  );
}
