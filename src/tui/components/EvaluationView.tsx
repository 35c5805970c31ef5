import { Box, Text } from 'ink';
import type { AiEvaluation, AnswerFeedback, DimensionScore, Evaluation } from '../../model/evaluation.js';
import { bandText, scoreBand, type Band } from '../../core/evaluation/band.js';
import {
  NOT_TESTED,
  answerQuote,
  answerVerified,
  dimensionVerified,
  gradeNotes,
  gradeValue,
  hasScore,
  overallText,
  scoreBasis,
  spreadNote,
  unverifiedNote,
} from '../../core/evaluation/grade-text.js';
import { describeFacts } from '../../core/evaluation/describe-facts.js';
import { evaluationFailedMessage, retryEvaluationHint } from '../../core/evaluation/failure-message.js';
import { shortId } from '../../shared/format.js';
import { displayWidth, pad } from '../../shared/text.js';

const scoreColor = (score: number, max: number) =>
  score / max >= 0.7 ? 'green' : score / max >= 0.4 ? 'yellow' : 'red';

const bandColor = (band: Band | null) => (band === 'above' ? 'green' : band === 'meets' ? 'cyan' : 'yellow');

/**
 * The evaluation screen: overall score with its band, rubric scores with quoted evidence,
 * strengths, areas, per answer. `difficulty`: the session's, for the band (none without it).
 */
export function EvaluationView({
  evaluation: e,
  sessionId,
  difficulty,
}: {
  evaluation: Evaluation;
  sessionId: string;
  difficulty?: string | null;
}) {
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
          ✖ {evaluationFailedMessage(e.error)}
        </Text>
        <Text dimColor>{retryEvaluationHint(sessionId)}</Text>
      </Box>
    );
  }
  const nameWidth = Math.max(0, ...e.dimensions.map((d) => displayWidth(d.name)));
  return (
    <Box flexDirection="column" marginTop={1} borderStyle="round" borderColor="magenta" paddingX={1}>
      {e.kind === 'ai' ? (
        <>
          <OverallLine evaluation={e} difficulty={difficulty} />
          {e.evidenceNote ? <Text color="yellow">{e.evidenceNote}</Text> : null}
          <Box flexDirection="column" marginTop={1}>
            {e.dimensions.map((d) => (
              <DimensionLine key={d.id} dimension={d} nameWidth={nameWidth} />
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
      <List
        title="Areas for improvement"
        items={e.areas}
        empty={e.kind === 'heuristic' ? 'none these counts can point to' : '—'}
        color="yellow"
      />
      {e.kind === 'ai'
        ? e.perAnswer.map((a) => (
            <Box key={a.questionNumber} flexDirection="column" marginTop={1}>
              <Text bold>
                Q{a.questionNumber} <AnswerGradeText answer={a} />. {a.question}
              </Text>
              {answerQuote(a) ? (
                <Text>
                  <Text color="magenta">Your words: </Text>
                  <Text dimColor>“{answerQuote(a)}”</Text>
                </Text>
              ) : null}
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

function OverallLine({ evaluation: e, difficulty }: { evaluation: AiEvaluation; difficulty?: string | null }) {
  if (!hasScore(e)) {
    return (
      <Text bold>
        Evaluation · <Text color="yellow">{overallText(e, difficulty)}</Text>
        <Text dimColor> (AI judge: {e.model})</Text>
      </Text>
    );
  }
  const band = scoreBand(e.overallScore, difficulty);
  return (
    <Box flexDirection="column">
      <Text bold>
        Evaluation · <Text color={scoreColor(e.overallScore, 100)}>{e.overallScore}/100</Text>
        {band ? <Text color={bandColor(band)}> · {bandText(e.overallScore, difficulty)}</Text> : null}
        <Text dimColor> (AI judge: {e.model})</Text>
      </Text>
      <Text dimColor>{scoreBasis(e)}</Text>
    </Box>
  );
}

/** `4/5 Technical depth (spread 1) “quote”`, `3/5 Communication not verified`, `not tested Impact`. */
function DimensionLine({ dimension: d, nameWidth }: { dimension: DimensionScore; nameWidth: number }) {
  const verified = dimensionVerified(d);
  const spread = d.score === null ? '' : spreadNote(d.spread);
  return (
    <Text>
      {d.score === null ? (
        <Text dimColor>{pad('—', 3)}</Text>
      ) : (
        <Text color={scoreColor(d.score, 5)}>{gradeValue(d.score)}</Text>
      )}{' '}
      <Text bold>{pad(d.name, nameWidth)}</Text>
      {d.score === null ? <Text dimColor> {NOT_TESTED}</Text> : null}
      {spread ? <Text dimColor> ({spread})</Text> : null}
      {d.score !== null && !verified ? (
        <Text color="yellow"> {unverifiedNote({ score: d.score, verified: d.verified })}</Text>
      ) : null}
      {d.score !== null && d.evidence ? <Text dimColor> “{d.evidence}”</Text> : null}
    </Text>
  );
}

/** `(4/5)`, `(4/5, spread 1)`, `(2/5, not verified)` with the grade coloured. */
function AnswerGradeText({ answer: a }: { answer: AnswerFeedback }) {
  const notes = gradeNotes(a, answerVerified(a));
  return (
    <Text>
      (<Text color={scoreColor(a.score, 5)}>{gradeValue(a.score)}</Text>
      {notes.length ? <Text color={answerVerified(a) ? undefined : 'yellow'}>, {notes.join(', ')}</Text> : null})
    </Text>
  );
}
