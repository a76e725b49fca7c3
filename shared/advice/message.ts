/**
 * Advice is shown in two languages, so rules return message ids with typed parameters instead
 * of text; the renderer formats each parameter by its kind (a rate as a percentage, fen as
 * money) and looks the id up in its i18n table (`advice.*`).
 */
export type MessageParam =
  | { kind: 'rate'; value: number }
  | { kind: 'count'; value: number }
  | { kind: 'fen'; value: number }
  | { kind: 'minutes'; value: number };

export interface AdviceMessage {
  id: string;
  params: Record<string, MessageParam>;
}

export const rate = (value: number): MessageParam => ({ kind: 'rate', value });
export const count = (value: number): MessageParam => ({ kind: 'count', value });
export const minutes = (value: number): MessageParam => ({ kind: 'minutes', value });

export const message = (id: string, params: Record<string, MessageParam> = {}): AdviceMessage => ({ id, params });
