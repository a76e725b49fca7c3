/** Advice messages (shared/advice) as text: each parameter formatted by its kind, then the i18n message. */
import { useI18n } from 'vue-i18n';
import type { AdviceMessage, MessageParam } from '../../../../shared/advice/message';
import { formatCount, formatMoney, formatRate, type Locale } from '../../format/format';

function formatParam(p: MessageParam, locale: Locale): string {
  switch (p.kind) {
    case 'rate':
      return formatRate(p.value, locale, 1);
    case 'count':
      return formatCount(p.value, locale);
    case 'fen':
      return formatMoney(p.value, locale);
    case 'minutes':
      return String(Math.round(p.value));
  }
}

export function useAdviceText(): (m: AdviceMessage) => string {
  const { t, locale } = useI18n();
  return (m) => {
    const params: Record<string, string> = {};
    for (const [k, p] of Object.entries(m.params)) params[k] = formatParam(p, locale.value as Locale);
    return t(m.id, params);
  };
}
