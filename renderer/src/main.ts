/**
 * The screens' entry: Vue + Pinia + router + i18n, and the one bridge to the engine (IPC under
 * the desktop app, the wall server's socket elsewhere) handed to the live store.
 */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { getBridge } from './bridge';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { useLiveStore } from './stores/live';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(createAppRouter()).use(i18n);
document.documentElement.lang = i18n.global.locale.value;
useLiveStore(pinia).start(getBridge());
app.mount('#app');
