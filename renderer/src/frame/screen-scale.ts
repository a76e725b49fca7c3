/** The current canvas scale, provided by ScreenFrame to every chart inside it. */
import { ref, type InjectionKey, type Ref } from 'vue';

export const SCREEN_SCALE: InjectionKey<Ref<number>> = Symbol('screen-scale');
/** outside a frame (index, help pages) charts render 1:1 */
export const UNSCALED = ref(1);
