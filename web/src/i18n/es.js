// @ts-check
// El texto de la interfaz en español: las mismas claves que en.js (tests/web/i18n.test.mjs).
export default {
  'lang.name': 'Español',
  'lang.switchLabel': 'Idioma',
  'site.skip': 'Saltar al contenido',
  'site.footer': 'NormLab se ejecuta por completo en tu navegador: sin servidor, sin subir nada.',
  'site.description':
    'NormLab: un curso interactivo sobre normalización en aprendizaje profundo, con experimentos de entrenamiento reales en tu navegador.',
  'number.nonFinite': 'no finito',

  'nav.label': 'Principal',
  'nav.home': 'Inicio',
  'nav.theory': 'Teoría',
  'nav.lab': 'Experimentos',
  'nav.drills': 'Problemas de práctica',
  'nav.exercises': 'Ejercicios',
  'nav.quiz': 'Cuestionario',

  'title.home': '{site}: normalización en aprendizaje profundo, en la práctica',
  'title.theoryPage': '{title} (teoría)',
  'title.drillPage': 'Problema de práctica: {title}',
  'title.labPage': 'Experimento: {title}',
  'title.notFound': 'Página no encontrada',

  'home.title': 'Normalización en aprendizaje profundo, en la práctica',
  'home.lede':
    'NormLab explica por qué las redes profundas necesitan normalización — BatchNorm, LayerNorm, RMSNorm, GroupNorm, InstanceNorm, Pre-LN frente a Post-LN, dónde va ε — y te deja ejecutar los experimentos reales en tu navegador. Cada número de estas páginas lo calcula un núcleo en C++ compilado a WebAssembly.',
  'home.courseTitle': 'El curso y tu progreso',
  'home.courseIntro':
    'Cada tema es un camino: lee la sección, haz sus problemas de práctica, ejecuta sus experimentos y responde sus preguntas del cuestionario. El progreso se guarda solo en este navegador.',
  'home.allDrills': 'Todos los problemas de práctica',
  'home.wholeQuiz': 'El cuestionario completo',
  'home.noData':
    'El conjunto de datos TinyShakespeare no forma parte de esta compilación, así que los experimentos con modelos de lenguaje no pueden ejecutarse. Consíguelo con {script} y vuelve a compilar.',
  'home.startOver': 'Empezar de nuevo',
  'home.keptHere':
    'Las respuestas del cuestionario, las secciones leídas, las soluciones mostradas y las ejecuciones guardadas se conservan solo en este navegador.',
  'home.reset': 'Borrar mi progreso',
  'home.resetDone': 'Se ha borrado tu progreso guardado.',
  'home.resetNothing': 'No había progreso guardado.',

  'map.done': '✓ hecho',
  'map.read': 'Lee {link}',
  'map.theSection': 'la sección',
  'map.drill': 'Problema de práctica: {link}',
  'map.experiment': 'Experimento: {link}',
  'map.quiz': 'Cuestionario: {link}, {count} bien al primer intento',
  'map.answered': { one: '{answered} de {count} respondida', other: '{answered} de {count} respondidas' },
  'map.topicCount': { one: '{done} de {count} hecho', other: '{done} de {count} hechos' },
  'map.total': { one: '{done} de {count} paso hecho.', other: '{done} de {count} pasos hechos.' },

  'page.loading': 'Cargando…',
  'page.loadFailed': 'No se pudo cargar esta página ({message}). Recarga para intentarlo de nuevo.',
  'page.implementIt': 'Impleméntalo tú: {links}.',
  'page.computedBy': 'Lo calcula el núcleo con {functions}.',
  'page.sections': 'Secciones',
  'page.formulaScrolls': 'Fórmula (se desplaza en horizontal)',
  'page.noSuchPage': 'Esa página no existe. {link}.',
  'page.backToStart': 'Volver al inicio',

  'drills.intro':
    'Problemas breves con soluciones desarrolladas; la mayoría tiene una comprobación en vivo que calcula el núcleo.',
  'drills.showSolution': 'Mostrar la solución desarrollada',
  'drills.backToSection': 'Volver a la sección',

  'lab.loading': 'Cargando el experimento…',
  'lab.staleEngine':
    'el motor de cálculo que cargó esta página no conoce el experimento "{id}"; puede ser una copia antigua',
  'lab.cannotRun': 'Este experimento no puede ejecutarse: {message}',
  'lab.reloadToRetry': 'Recarga la página para intentarlo de nuevo.',

  'quiz.title': 'Cuestionario',
  'quiz.lede':
    'Una primera respuesta incorrecta recibe una pista y otro intento; la explicación llega tras el segundo intento o cuando la pidas. Las preguntas se agrupan por sección; abre una para responderla.',
  'quiz.numericLabel': 'Tu respuesta (un número o una expresión como {examples})',
  'quiz.numericExamples': '1/6, 2^-3, 1e-5, sqrt(2)/2; decimales con coma o punto',
  'quiz.chooseAll': 'Elige todas las que correspondan',
  'quiz.chooseOne': 'Elige una',
  'quiz.choice': 'Opción {letter}',
  'quiz.predict': 'Predice antes de ejecutar {link}',
  'quiz.theExperiment': 'el experimento',
  'quiz.settings': 'La ejecución de la que trata:',
  'quiz.quick': 'En modo rápido:',
  'quiz.hint': 'Pista:',
  'quiz.defaultHint': 'vuelve a leer la sección de la que trata esta pregunta y prueba otra vez.',
  'quiz.question': 'Pregunta {n}.',
  'quiz.check': 'Comprobar respuesta',
  'quiz.reveal': 'Mostrar la explicación',
  'quiz.retry': 'Intentar de nuevo',
  'quiz.readSection': 'Lee la sección sobre esto',
  'quiz.score':
    'Puntuación al primer intento: {correct} de {total} ({answered} respondidas). Solo cuenta una respuesta correcta al primer intento; la que aciertas tras una pista pasa a la lista de repaso.',
  'quiz.reviewTitle': 'Repaso: falladas al primer intento',
  'quiz.sectionProgress': '{answered} de {total} respondidas · {correct} bien al primer intento',
  'quiz.markRight': '✓ correcta',
  'quiz.markWrong': '✗ incorrecta',
  'quiz.markMissed': '✓ una respuesta correcta que no elegiste',
  'quiz.correct': 'Correcto.',
  'quiz.notQuite': 'No exactamente.',
  'quiz.rightOnTry':
    'Correcta en el intento {tries}. La puntuación cuenta los primeros intentos, así que esta pregunta sigue en tu lista de repaso.',
  'quiz.rightFirst': 'Correcta al primer intento.',
  'quiz.readHint': 'Lee la pista y vuelve a intentarlo, o pide la explicación.',
  'quiz.error.chooseOne': 'Elige una respuesta.',
  'quiz.error.chooseSome': 'Elige al menos una respuesta.',
  'quiz.error.typeNumber': 'Escribe un número.',
  'quiz.error.notNumber': '"{response}" no es un número ni una expresión sencilla (como {examples}).',
  'quiz.error.notNumberExamples': '0,25, 1/4, 2^-2, 1e-5 o sqrt(2)/2',
  'quiz.error.unknownType': 'Tipo de pregunta desconocido: {type}.',

  'demo.title': 'Pruébalo: RMSNorm sobre un vector que eliges tú',
  'demo.intro':
    'RMSNorm divide un vector por su raíz cuadrática media: {formula}. Cambia los números y observa cómo la salida conserva su forma mientras su escala queda fija.',
  'demo.x': 'Vector de entrada x',
  'demo.eps': 'ε (dentro de la raíz cuadrada)',
  'demo.chartLabel':
    'Gráfico de barras de x (eje izquierdo) y de su salida normalizada por RMS, y (eje derecho, con su propia escala)',
  'demo.table': 'Mostrar los datos del gráfico como tabla',
  'demo.seriesX': 'x (entrada, eje izquierdo)',
  'demo.seriesY': 'y = RMSNorm(x) (eje derecho)',
  'demo.axisIndex': 'índice de la característica',
  'demo.zeroNoEps':
    'Todas las x son 0 y ε = 0, así que el divisor √(mean(x²) + ε) es 0 y cada salida es 0 / 0: indefinida (NaN), y también su gradiente. Por eso existe ε: con cualquier ε > 0 (prueba 1e-6) el divisor es al menos √ε, y un vector nulo se transforma en cero.',
  'demo.zeroEps':
    'Todas las x son 0: el divisor es √ε = {divisor}, no 0, así que la salida es 0 en lugar de 0 / 0. Ese es el trabajo de ε.',
  'demo.epsDominates':
    'Aquí ε es mayor que mean(x²), así que domina el divisor: la salida se encoge en lugar de escalarse a rms 1. ε limita la amplificación a 1/√ε = {cap}; haz x mayor o ε menor para ver el comportamiento normal.',
  'chart.predicted': 'líneas discontinuas: predicción',
  'engine.failed': 'El cálculo ha fallado: {message}',
};
