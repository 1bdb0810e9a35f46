// The smaller entries `cxkit/surveys` and `cxkit/text` (stage `types`): they declare their own
// functions with the full package's types, and not the other groups' functions.
import initSurveys, { nps, CxkitError as SurveysError, errorCodes, type NpsResult } from 'cxkit/surveys';
import { scoreTranscript, KeywordSet, CxkitError as TextError, type TranscriptResult } from 'cxkit/text';
// @ts-expect-error: cxkit/surveys has no transcript functions
import { scoreText } from 'cxkit/surveys';
import { csat } from 'cxkit/text'; // a type-only name there: using it as a value is an error

export async function variants(): Promise<[NpsResult, TranscriptResult, number]> {
  await initSurveys();
  const r: NpsResult = nps([10, 9, 3]);
  const t: TranscriptResult = scoreTranscript(
    { turns: [{ speaker: 'customer', text: 'gracias, muy amables' }] },
    { keywords: KeywordSet.builtin() },
  );
  const e: unknown = new Error();
  const same = e instanceof SurveysError && e instanceof TextError ? 1 : 0;
  void scoreText;
  // @ts-expect-error: cxkit/text has no survey functions
  void csat;
  return [r, t, errorCodes().length + same];
}
