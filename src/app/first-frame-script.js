/*
 * Aplis: shows the static first frame before the app's scripts run
 * (src/app/first-frame.ts, docs/first-paint.md). Inlined in the page's head
 * by the build (vite.config.ts), allowed by its hash in the CSP
 * (src/app/csp.ts: changing this file changes the hash, and the build says
 * the new one); it must stay small and never fail the page.
 *
 * It reads two things from localStorage, neither about a person: the chosen
 * language (`aplis.language`) and the device-level flag `aplis.device`
 * (src/session/first-frame-flag.ts: whether this device has a vault, whether
 * it is a demo device, and where Quick exit goes). It mirrors
 * `preferredLanguage` (src/i18n/first-screen-texts.ts) and `quickExitUrl`
 * (src/session/quick-exit-target.ts); first-frame.test.tsx holds them equal.
 *
 * While the frame is on the page: Quick exit (the button, Shift × 3) leaves
 * for the device's target, the language menu switches the frame, and a click
 * on another button or a submitted form is remembered
 * (`data-first-frame-click` on <html>) for the app to replay on the same
 * button of its own card (src/app/first-frame-handoff.ts). Once the page is
 * parsed and the frame painted, it starts the app (its entry script and the
 * module preloads, which the page holds back until then).
 */
(function () {
  'use strict';
  var LANGUAGES = ['lv', 'en', 'ru', 'uk'];
  var RECIPE_PAGES = {
    lv: '/neutral.html',
    en: '/neutral-en.html',
    ru: '/neutral-ru.html',
    uk: '/neutral-uk.html',
  };
  var html = document.documentElement;

  function read(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  }
  function isLanguage(value) {
    return LANGUAGES.indexOf(value) !== -1;
  }

  var language = read('aplis.language');
  if (!isLanguage(language)) {
    language = 'lv';
    var tags = navigator.languages || [];
    for (var i = 0; i < tags.length; i++) {
      var base = String(tags[i]).slice(0, 2).toLowerCase();
      if (isLanguage(base)) {
        language = base;
        break;
      }
    }
  }

  var device = {};
  try {
    device = JSON.parse(read('aplis.device') || '{}') || {};
  } catch {
    device = {};
  }
  var screen = device.setUp === true ? 'unlock' : 'welcome';

  function show() {
    html.setAttribute('data-first-frame', screen + '-' + language);
    html.lang = language;
  }
  show();
  if (device.demo === true) html.setAttribute('data-first-frame-demo', '');

  function frame() {
    return document.querySelector(
      '.first-frame[data-first-frame="' + screen + '-' + language + '"]',
    );
  }

  function exitUrl() {
    var target = device.quickExit || {};
    if (target.kind === 'blank') return 'about:blank';
    if (
      target.kind === 'address' &&
      typeof target.url === 'string' &&
      /^https?:\/\/[^/]*\./i.test(target.url)
    )
      return target.url;
    return RECIPE_PAGES[language];
  }
  function quickExit() {
    document.body.style.display = 'none';
    document.title = '';
    window.location.replace(exitUrl());
  }

  // The frame's own widgets, by delegation: they work as soon as they are parsed.
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var shown = frame();
    if (!shown || !shown.contains(target)) return;
    if (target.closest('[data-first-frame-exit]')) {
      quickExit();
      return;
    }
    var button = target.closest('button');
    if (button && button.type !== 'submit') remember(shown, button);
  });
  document.addEventListener('submit', function (event) {
    var shown = frame();
    if (!shown || !shown.contains(event.target)) return;
    // Never a real submit: it would put the passphrase in the address.
    event.preventDefault();
    var submit = event.submitter || event.target.querySelector('[type="submit"]');
    if (submit) remember(shown, submit);
  });
  document.addEventListener('change', function (event) {
    var shown = frame();
    if (!shown || !event.target.matches('[data-first-frame-language]')) return;
    if (!isLanguage(event.target.value)) return;
    var typed = shown.querySelector('input[name="passphrase"]');
    language = event.target.value;
    try {
      localStorage.setItem('aplis.language', language);
    } catch {
      // Not fatal: the language just won't be remembered.
    }
    var next = spare[screen + '-' + language] || frame();
    if (next && spare[screen + '-' + language]) {
      shown.parentNode.insertBefore(next, shown);
      put(shown);
    }
    show();
    if (!next) return;
    var input = next.querySelector('input[name="passphrase"]');
    if (typed && input) input.value = typed.value;
    var select = next.querySelector('[data-first-frame-language]');
    if (select) {
      select.value = language;
      select.focus();
    }
    title();
  });

  /** Which of the frame's controls was used: the app's card has the same ones, in the same order. */
  function remember(shown, control) {
    var controls = shown.querySelectorAll('button, input, select, a[href], textarea');
    for (var i = 0; i < controls.length; i++)
      if (controls[i] === control) html.setAttribute('data-first-frame-click', String(i));
  }

  /*
   * A press (pointer or key down, or an input method composing) that began on the
   * frame ends on the frame: while one is under way `data-first-frame-press`
   * is on <html>, and the app waits for `aplis-first-frame-idle` before it
   * replaces the frame (firstFrameSettled in src/app/first-frame-handoff.ts).
   * Replaced mid-press, the press would go down on the frame's button and up
   * on the app's, and the browser fires no click at all.
   */
  var pressing = 0;
  var idleTimer = 0;
  function pressStart() {
    if (!frame()) return;
    pressing++;
    clearTimeout(idleTimer);
    html.setAttribute('data-first-frame-press', '');
  }
  function pressEnd() {
    if (!pressing) return;
    pressing = 0;
    clearTimeout(idleTimer);
    // The click follows the release (on a touch screen, a little later).
    idleTimer = setTimeout(idle, 150);
  }
  function idle() {
    clearTimeout(idleTimer);
    if (pressing || !html.hasAttribute('data-first-frame-press')) return;
    html.removeAttribute('data-first-frame-press');
    document.dispatchEvent(new Event('aplis-first-frame-idle'));
  }
  window.addEventListener('pointerdown', pressStart, true);
  // Space presses a button on its release, on the element that got the press.
  window.addEventListener(
    'keydown',
    function (event) {
      var shown = frame();
      if (shown && shown.contains(event.target) && !event.repeat) pressStart();
    },
    true,
  );
  window.addEventListener('keyup', pressEnd, true);
  window.addEventListener('compositionstart', pressStart, true);
  window.addEventListener('pointerup', pressEnd, true);
  window.addEventListener('pointercancel', pressEnd, true);
  window.addEventListener('compositionend', pressEnd, true);
  // A language picked from the menu's own pop-up, which the page sees no release from.
  window.addEventListener(
    'change',
    function (event) {
      if (event.target.tagName === 'SELECT') pressEnd();
    },
    true,
  );
  // Released outside the window, or the tab left: nothing more will come.
  window.addEventListener('blur', function (event) {
    if (event.target === window) pressEnd();
  });
  // The click has been handled (remembered above): the app may take over.
  window.addEventListener('click', function () {
    if (!pressing && html.hasAttribute('data-first-frame-press')) setTimeout(idle, 0);
  });

  var presses = [];
  window.addEventListener(
    'keydown',
    function (event) {
      if (!frame()) return;
      if (event.key !== 'Shift') {
        presses = [];
        return;
      }
      if (event.repeat) return;
      var now = event.timeStamp || performance.now();
      presses = presses.filter(function (t) {
        return now - t < 2000;
      });
      presses.push(now);
      if (presses.length >= 3) quickExit();
    },
    true,
  );

  function title() {
    var heading = frame() && frame().querySelector('h1');
    if (heading) document.title = heading.textContent + ' · Aplis';
  }
  /**
   * The app: its entry and the module preloads wait, inert, in
   * `<template id="aplis-app">` (vite.config.ts) until the frame has been
   * painted; at once in a hidden tab, which paints nothing. Moved into the
   * head, they all download at once and the entry runs when they are there.
   */
  var started = false;
  function startApp() {
    if (started) return;
    started = true;
    var app = document.getElementById('aplis-app');
    if (app && app.content) document.head.appendChild(app.content);
    var entry = document.querySelector('link[data-aplis-entry]');
    if (!entry) return;
    var script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = 'anonymous';
    script.src = entry.getAttribute('href');
    document.head.appendChild(script);
  }

  /** The frames not shown, off the page: one card for a screen reader, tests and the app to find. */
  var spare = {};
  function put(element) {
    spare[element.getAttribute('data-first-frame')] = element;
    if (element.parentNode) element.parentNode.removeChild(element);
  }

  // Once the page is parsed: only the frame shown stays on the page, the
  // tab gets its title, the passphrase field takes the focus as the app's
  // would, and the app starts after the next frame.
  document.addEventListener('readystatechange', function once() {
    if (document.readyState === 'loading') return;
    document.removeEventListener('readystatechange', once);
    var all = document.querySelectorAll('.first-frame');
    for (var j = 0; j < all.length; j++)
      if (all[j].getAttribute('data-first-frame') !== screen + '-' + language) put(all[j]);
    title();
    var autofocus = frame() && frame().querySelector('[data-first-frame-autofocus]');
    if (autofocus && document.activeElement === document.body) autofocus.focus();
    if (document.visibilityState === 'hidden') startApp();
    else
      requestAnimationFrame(function () {
        setTimeout(startApp, 0);
      });
    // Whatever happens to frames, the app starts.
    setTimeout(startApp, 1000);
  });
})();
