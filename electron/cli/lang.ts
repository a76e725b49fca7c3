/**
 * `--lang en|zh-CN` of the commands that write reports (diagnose, review): their text, CSV
 * and error lines follow it, zh-CN by default — the UI's default language.
 */
import { DEFAULT_LANG, isLang, type Bilingual, type Lang } from '../../shared/i18n/lang';
import { CliError, EXIT } from './errors';

export const LANG_HELP = 'language of the report and messages: zh-CN (default) | en';

/** The `--lang` value, checked; bad usage (exit 2) otherwise. */
export function langOf(value: string | undefined): Lang {
  if (value === undefined) return DEFAULT_LANG;
  if (!isLang(value)) throw new CliError(`--lang must be zh-CN or en, got "${value.slice(0, 40)}"`, EXIT.usage);
  return value;
}

/** A CliError whose line is in `lang`. */
export function cliError(lang: Lang, message: Bilingual, exitCode: number = EXIT.failure): CliError {
  return new CliError(message[lang], exitCode);
}
