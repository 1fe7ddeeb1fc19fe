// @ts-check
// Offline support: registers the service worker that the build generates (vite-plugin-pwa,
// Workbox; see vite.config.js). After the first visit the site is served from its precache, one
// consistent version at a time. A new version installs in the background and waits; a quiet notice
// says so, and it is used the next time the course is opened, or at once if the learner asks (the
// page then reloads whole, so old and new files never mix). A browser without service workers, or
// with them disabled, keeps today's behaviour: nothing is registered and nothing is shown.
import { registerSW } from 'virtual:pwa-register';

/**
 * @param {HTMLElement} host where the notice goes (a live region, so screen readers hear it once)
 * @param {() => import('./i18n/translate.js').I18n} i18nOf  the page's language when the notice is shown
 */
export function startOffline(host, i18nOf) {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    onNeedRefresh() {
      const { t } = i18nOf();
      host.hidden = false;
      host.replaceChildren(`${t('offline.ready')} `);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = t('offline.updateNow');
      button.addEventListener('click', () => update());
      host.append(button);
      document.documentElement.dataset.update = 'ready';
    },
    onOfflineReady() {
      document.documentElement.dataset.offline = 'ready';
    },
    onRegisterError() {
      // private windows and some settings refuse service workers: the site works as without them
    },
  });
}
