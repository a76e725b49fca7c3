/** How many diagnosis lines fit the diagnosis panel of the 1920×1080 canvas; the rest is counted as "N more". */
export const DIAGNOSIS_SHOWN = 6;
