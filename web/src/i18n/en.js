// @ts-check
// The site's interface text in English: the reference catalogue. Every other language's file
// (web/src/i18n/<lang>.js) has exactly these keys (tests/web/i18n.test.mjs). A value is a string
// with {name} placeholders, or {one, other} chosen by the `count` parameter (Intl.PluralRules).
// Text only, no HTML: views escape it, and put links and code into placeholders.
export default {
  'lang.name': 'English',
  'lang.switchLabel': 'Language',
  'site.skip': 'Skip to content',
  'site.footer': 'NormLab runs entirely in your browser: no server, nothing uploaded.',
  'site.description':
    'NormLab: an interactive course on normalization in deep learning, with real training experiments in your browser.',
  'number.nonFinite': 'non-finite',

  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.theory': 'Theory',
  'nav.lab': 'Experiments',
  'nav.drills': 'Drills',
  'nav.exercises': 'Exercises',
  'nav.quiz': 'Quiz',

  'title.home': '{site}: normalization in deep learning, hands-on',
  'title.theoryPage': '{title} (theory)',
  'title.drillPage': 'Drill: {title}',
  'title.labPage': 'Experiment: {title}',
  'title.notFound': 'Page not found',

  'home.title': 'Normalization in deep learning, hands-on',
  'home.lede':
    'NormLab teaches why deep networks need normalization — BatchNorm, LayerNorm, RMSNorm, GroupNorm, InstanceNorm, Pre-LN vs Post-LN, where ε goes — and lets you run the real experiments in your browser. Every number on these pages is computed by a C++ core compiled to WebAssembly.',
  'home.courseTitle': 'The course, and your progress',
  'home.courseIntro':
    'Each topic is a path: read the section, do its drills, run its experiments, answer its quiz questions. Progress is kept in this browser only.',
  'home.allDrills': 'All drills',
  'home.wholeQuiz': 'The whole quiz',
  'home.noData':
    'The TinyShakespeare data set is not part of this build, so the language-model experiments cannot run. Get it with {script} and rebuild.',
  'home.startOver': 'Start over',
  'home.keptHere':
    'Quiz answers, sections read, revealed drill solutions and saved runs are kept in this browser only.',
  'home.reset': 'Reset my progress',
  'home.resetDone': 'Your saved progress was cleared.',
  'home.resetNothing': 'There was no saved progress.',

  'map.done': '✓ done',
  'map.read': 'Read {link}',
  'map.theSection': 'the section',
  'map.drill': 'Drill: {link}',
  'map.experiment': 'Experiment: {link}',
  'map.quiz': 'Quiz: {link}, {count} right on the first try',
  'map.answered': { one: '{answered} of {count} answered', other: '{answered} of {count} answered' },
  'map.topicCount': { one: '{done} of {count} done', other: '{done} of {count} done' },
  'map.total': { one: '{done} of {count} step done.', other: '{done} of {count} steps done.' },

  'page.loading': 'Loading…',
  'page.loadFailed': 'This page could not be loaded ({message}). Reload to try again.',
  'page.implementIt': 'Implement it yourself: {links}.',
  'page.computedBy': 'Computed in the core by {functions}.',
  'page.sections': 'Sections',
  'page.formulaScrolls': 'Formula (scrolls sideways)',
  'page.noSuchPage': 'There is no such page. {link}.',
  'page.backToStart': 'Back to the start',

  'drills.intro': 'Short problems with worked solutions; most have a live check computed by the core.',
  'drills.showSolution': 'Show the worked solution',
  'drills.backToSection': 'Back to the section',

  'lab.loading': 'Loading the experiment…',
  'lab.staleEngine': 'the compute engine this page loaded does not know the experiment "{id}"; it may be an older copy',
  'lab.cannotRun': 'This experiment cannot run: {message}',
  'lab.reloadToRetry': 'Reload the page to try again.',

  'quiz.title': 'Quiz',
  'quiz.lede':
    'A wrong first answer gets a hint and another try; the explanation follows the second try, or whenever you ask for it. Questions are grouped by section; open one to answer it.',
  'quiz.numericLabel': 'Your answer (a number, or an expression such as {examples})',
  'quiz.numericExamples': '1/6, 2^-3, 1e-5, sqrt(2)/2',
  'quiz.chooseAll': 'Choose all that apply',
  'quiz.chooseOne': 'Choose one',
  'quiz.choice': 'Choice {letter}',
  'quiz.predict': 'Predict before you run {link}',
  'quiz.theExperiment': 'the experiment',
  'quiz.settings': 'The run this is about:',
  'quiz.quick': 'In quick mode:',
  'quiz.hint': 'Hint:',
  'quiz.defaultHint': 'reread the section this question is about, then try again.',
  'quiz.question': 'Question {n}.',
  'quiz.check': 'Check answer',
  'quiz.reveal': 'Show the explanation',
  'quiz.retry': 'Try again',
  'quiz.readSection': 'Read the section on this',
  'quiz.score':
    'First-try score: {correct} of {total} ({answered} answered). Only an answer right on the first try counts; one you get after a hint goes to the review list.',
  'quiz.reviewTitle': 'Review: missed on the first try',
  'quiz.sectionProgress': '{answered} of {total} answered · {correct} right on the first try',
  'quiz.markRight': '✓ right',
  'quiz.markWrong': '✗ wrong',
  'quiz.markMissed': '✓ a right answer you did not choose',
  'quiz.correct': 'Correct.',
  'quiz.notQuite': 'Not quite.',
  'quiz.rightOnTry': 'Right on try {tries}. The score counts first tries, so this question stays on your review list.',
  'quiz.rightFirst': 'Right on the first try.',
  'quiz.readHint': 'Read the hint, then try again; or ask for the explanation.',
  'quiz.error.chooseOne': 'Choose one answer.',
  'quiz.error.chooseSome': 'Choose at least one answer.',
  'quiz.error.typeNumber': 'Type a number.',
  'quiz.error.notNumber': '"{response}" is not a number or a simple expression (like {examples}).',
  'quiz.error.notNumberExamples': '0.25, 1/4, 2^-2, 1e-5 or sqrt(2)/2',
  'quiz.error.unknownType': 'Unknown question type {type}.',

  'demo.title': 'Try it: RMSNorm on a vector you choose',
  'demo.intro':
    'RMSNorm divides a vector by its root-mean-square: {formula}. Edit the numbers and watch the output keep its shape while its scale is fixed.',
  'demo.x': 'Input vector x',
  'demo.eps': 'ε (inside the square root)',
  'demo.chartLabel': 'Bar chart of x (left axis) and its RMS-normalised output y (right axis, its own scale)',
  'demo.table': "Show the chart's data as a table",
  'demo.seriesX': 'x (input, left axis)',
  'demo.seriesY': 'y = RMSNorm(x) (right axis)',
  'demo.axisIndex': 'feature index',
  'demo.zeroNoEps':
    'Every x is 0 and ε = 0, so the divisor √(mean(x²) + ε) is 0 and each output is 0 / 0: undefined (NaN), and so is its gradient. This is why ε exists: with any ε > 0 (try 1e-6) the divisor is at least √ε, and a zero vector maps to zero.',
  'demo.zeroEps':
    "Every x is 0: the divisor is √ε = {divisor}, not 0, so the output is 0 instead of 0 / 0. That is ε's job.",
  'demo.epsDominates':
    'ε is larger than mean(x²) here, so it dominates the divisor: the output is shrunk, not scaled to rms 1. ε caps the amplification at 1/√ε = {cap}; make x larger or ε smaller to see normal behaviour.',
  'chart.predicted': 'dashed lines: predicted',
  'engine.failed': 'The computation failed: {message}',
};
