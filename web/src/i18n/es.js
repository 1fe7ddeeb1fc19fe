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
  'quiz.quickCannot': 'El modo rápido no puede responder a esto tal como se plantea:',
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
  'demo.seriesX': 'x (entrada, eje izquierdo)',
  'demo.seriesY': 'y = RMSNorm(x) (eje derecho)',
  'demo.axisIndex': 'índice de la característica',
  'demo.readout': 'índice {i:int}: x = {x}, y = {y}',
  'demo.zeroNoEps':
    'Todas las x son 0 y ε = 0, así que el divisor √(mean(x²) + ε) es 0 y cada salida es 0 / 0: indefinida (NaN), y también su gradiente. Por eso existe ε: con cualquier ε > 0 (prueba 1e-6) el divisor es al menos √ε, y un vector nulo se transforma en cero.',
  'demo.zeroEps':
    'Todas las x son 0: el divisor es √ε = {divisor}, no 0, así que la salida es 0 en lugar de 0 / 0. Ese es el trabajo de ε.',
  'demo.epsDominates':
    'Aquí ε es mayor que mean(x²), así que domina el divisor: la salida se encoge en lugar de escalarse a rms 1. ε limita la amplificación a 1/√ε = {cap}; haz x mayor o ε menor para ver el comportamiento normal.',
  'chart.showTable': 'Mostrar los datos del gráfico como tabla',
  'chart.logScale': 'escala logarítmica',
  'chart.title': 'Gráficos',
  'chart.predicted': 'líneas discontinuas: predicción',
  'engine.failed': 'El cálculo ha fallado: {message}',
  'map.exercise': 'Ejercicio: {link}',
  'title.exercisePage': 'Ejercicio: {title}',
  'drills.opened': 'abierto',
  'drills.countsWhen': 'Un problema de práctica cuenta como hecho en cuanto abres su solución desarrollada.',
  'drills.total': {
    one: '{done} de {count} problema de práctica hecho',
    other: '{done} de {count} problemas de práctica hechos',
  },
  'drills.moreOpened': ', {count} más abiertos',

  'drillCheck.title': 'Comprobación en vivo',
  'drillCheck.lnD1': 'LayerNorm con d = 1 da y = {y} {same}; ∂y/∂x = {dx}.',
  'drillCheck.betaExactly': '= β exactamente',
  'drillCheck.notBeta': '≠ β',
  'drillCheck.seed': 'semilla',
  'drillCheck.g1': 'max |GroupNorm(G = 1) − LayerNorm sobre (C, H, W)| = {value}',
  'drillCheck.delta': 'δ: la fila es (1 + δ, 1 − δ, 1 + δ, …)',
  'drillCheck.placement': 'posición',
  'drillCheck.inside': 'dentro',
  'drillCheck.outside': 'fuera',

  'widget.dytName': 'DyT (sin estadísticas)',
  'widget.note.batch': 'una media y una varianza por canal, compartidas por todo el lote',
  'widget.note.layer': 'una media y una varianza por ejemplo, sobre todas sus características',
  'widget.note.rms': 'una raíz cuadrática media por ejemplo; no se resta ninguna media',
  'widget.note.group': 'una media y una varianza por ejemplo y grupo de C/G canales',
  'widget.note.instance': 'una media y una varianza por ejemplo y canal',
  'widget.note.dyt': 'sin estadísticas: y = γ·tanh(αx) + β elemento a elemento',
  'widget.normalizeTitle': 'Normaliza esto',
  'widget.inputX': 'Entrada x: una fila por ejemplo, las características a lo ancho (B × d)',
  'widget.norm': 'Normalización',
  'widget.groups': 'Grupos G',
  'widget.gradOf': 'Gradiente de la salida y[fila, columna]',
  'widget.gWhole': 'G debe ser un número entero.',
  'widget.gDivides': 'G = {g} no divide a d = {d}.',
  'widget.outRange': 'Indica una fila en 0..{rows} y una columna en 0..{cols}, por ejemplo "0, 1".',
  'widget.normalizeNote': '{name}: {note}. Resaltados: los elementos que comparten estadísticas con y[{cell}].',
  'widget.outputY': 'Salida y',
  'widget.axesTitle': '¿Sobre qué ejes promedia cada normalización?',
  'widget.axesNote':
    'Promedia sobre {axes}; μ y σ tienen forma {shape}: {note}. En color: las celdas que comparten una misma μ, σ con la celda recuadrada.',
  'widget.nchwCaption': '(N, C, H, W) = ({n}, {c}, 2, 2), posiciones espaciales aplanadas',
  'widget.groupsOf': ', G = {g} grupos de {size}',
  'widget.gradcheckTitle': 'Comprueba tú la pasada hacia atrás',
  'widget.gradcheckIntro':
    'El núcleo calcula el gradiente analíticamente (la fórmula de arriba); aquí se compara con diferencias finitas centrales, (L(x + h) − L(x − h)) / 2h, para cada entrada, en doble precisión.',
  'widget.rows': 'Filas',
  'widget.features': 'Características d',
  'widget.runGradcheck': 'Comprobar gradientes',
  'widget.wholeNumbers': 'Usa números enteros.',
  'widget.gradient': 'gradiente',
  'widget.entries': 'componentes',
  'widget.maxRelError': 'error relativo máximo',
  'widget.agrees': 'coincide',
  'widget.disagrees': 'NO COINCIDE',

  'exercise.intro':
    'Escribe tú las normalizaciones, en JavaScript, en el navegador. Cada ejercicio compara tu función con el núcleo en C++ sobre entradas generadas a partir de una semilla, y las pasadas hacia atrás con una comprobación de gradientes.',
  'exercise.doneMark': '(hecho)',
  'exercise.noSuch': 'Ese ejercicio no existe. {link}.',
  'exercise.all': 'Todos los ejercicios',
  'exercise.done': 'Hecho: todas las comprobaciones se superaron.',
  'exercise.notDone': 'Aún sin hacer.',
  'exercise.yourCode': 'Tu código',
  'exercise.editorHelp':
    'Tab sangra. Para salir del editor con el teclado, pulsa Escape y luego Tab (o Mayús+Tab). Ctrl+Z deshace, Ctrl+Mayús+Z rehace. Tu código se guarda en este navegador mientras escribes.',
  'exercise.editorLabel': 'Tu código para: {title}',
  'exercise.run': 'Ejecutar las comprobaciones',
  'exercise.seed': 'Semilla',
  'exercise.reset': 'Volver al código inicial',
  'exercise.checks': 'Comprobaciones',
  'exercise.tolerance':
    '|tuyo − núcleo| ≤ {atol} + {rtol} × |núcleo| en cada valor (en la comprobación de desplazamiento grande: {offset} + {offset} × |núcleo|, porque float32 en torno a 1000 no es más exacto que eso); ε = {eps}. Comprobación de gradientes: diferencias centrales con paso {h} en doble precisión, error relativo ≤ {gradTol}.',
  'exercise.notRun': 'sin ejecutar',
  'exercise.running': 'ejecutando…',
  'exercise.runningBoth': 'Ejecutando tu código y el núcleo sobre las mismas entradas…',
  'exercise.coreFailed': 'El núcleo no pudo calcular la referencia: {message}',
  'exercise.passed': 'superada',
  'exercise.failed': 'fallida',
  'exercise.allPassed':
    'Las {count} comprobaciones se superaron (semilla {seed}). Este ejercicio queda marcado como hecho.',
  'exercise.hints': 'Pistas',
  'exercise.showHint': 'Mostrar una pista ({n} de {count})',
  'exercise.backTo': 'Volver a {title}',
  'exercise.drills': { one: 'Problema de práctica: {links}', other: 'Problemas de práctica: {links}' },
  'exercise.check.random': 'Filas aleatorias',
  'exercise.check.constant': 'Filas constantes (σ → 0)',
  'exercise.check.d1': 'd = 1',
  'exercise.check.offset': 'Desplazamiento grande',
  'exercise.check.shapes': 'Varias formas',
  'exercise.check.gradcheck': 'Comprobación de gradientes de tu pasada hacia delante y hacia atrás',
  'exercise.check.train': 'Modo de entrenamiento',
  'exercise.check.running': 'Estadísticas móviles',
  'exercise.check.eval': 'Modo de evaluación',
  'exercise.check.groups-1': 'Un grupo',
  'exercise.check.groups-c': 'Un canal por grupo',

  // un ejercicio con una comprobación que falla: el informe, su caso y el motivo
  'exercise.report.failed':
    '{name} falló ({passed:int} de {total:int} comprobaciones superadas, semilla {seed:int}): {why}.',
  'exercise.report.case': 'Caso: {label}{sizes}.',
  'exercise.report.input': 'Entrada',
  'exercise.report.output': 'salida',
  'exercise.report.core': 'núcleo',
  'exercise.report.yours': 'tuyo',
  'exercise.report.finiteDifferences': 'diferencias finitas',
  'exercise.report.largest': 'Mayor diferencia en {where}: {reference} {expected}, tuyo {actual}, diferencia {diff}.',
  'exercise.report.ofValues': '(de {count:int} valores)',
  'exercise.case.randomRows': '{rows:int} filas aleatorias, d = {d:int}',
  'exercise.case.constantRows': 'filas de ceros, de una constante, de 0,001 y una con sigma = 1e-4',
  'exercise.case.d1': '{rows:int} filas de un solo valor cada una (d = 1)',
  'exercise.case.offsetRows': 'filas en torno a 1000 con dispersión 1 (d = {d:int})',
  'exercise.case.rowsByD': '{rows:int} x {d:int}',
  'exercise.case.training': 'modo de entrenamiento: N = {N:int} ejemplos, C = {C:int} canales',
  'exercise.case.running': 'estadísticas móviles tras un paso de entrenamiento (N = {N:int}, C = {C:int})',
  'exercise.case.eval': 'modo de evaluación: normalizan las estadísticas móviles',
  'exercise.case.constantChannel': 'el canal 0 es constante (sigma = 0), N = {N:int}, C = {C:int}',
  'exercise.case.offsetBatch': 'valores en torno a 1000, N = {N:int}, C = {C:int}',
  'exercise.case.shape': 'N, C, S = {N:int}, {C:int}, {S:int} (S: posiciones espaciales)',
  'exercise.case.groups': 'N, C, S = {N:int}, {C:int}, {S:int}, {groups:int} grupos',
  'exercise.case.oneGroup': 'un grupo (LayerNorm sobre C x S)',
  'exercise.case.groupPerChannel': 'C grupos (InstanceNorm)',
  'exercise.case.constantGroup': 'canal 0 constante, un canal por grupo',
  'exercise.case.offsetGroups': 'valores en torno a 1000, N = {N:int}, C = {C:int}, {groups:int} grupos',
  'exercise.why.threw': 'tu código lanzó un error: {error}',
  'exercise.why.gradcheck':
    'tu {field} difiere de las diferencias finitas de tu pasada hacia delante (error relativo {error} > {tol})',
  'exercise.why.missing': 'tu función no devolvió {field}',
  'exercise.why.length': '{field} tiene {count:int} valores; el del núcleo tiene {expected:int}',
  'exercise.why.nan': '{field} contiene NaN (o un valor que no es un número) en el índice {index:int}',
  'exercise.why.differs': '{field} difiere del núcleo hasta en {diff} (se admite: {atol} + {rtol} × |núcleo|)',

  'results.title': 'Resultados',
  'results.none': 'Ejecuta el experimento para ver qué pasa.',
  'results.downloads': 'Descargas',
  'results.caption': 'Las afirmaciones del curso, comprobadas con esta ejecución',
  'results.claim': 'afirmación',
  'results.observed': 'observado',
  'results.verdict': 'veredicto',
  'results.rule': 'Cómo se deciden las afirmaciones empíricas: {rule}.',
  'results.metrics': 'Todas las medidas (metrics.json)',
  'verdict.holds': 'se cumple',
  'verdict.doesNotHold': 'no se cumple',
  'verdict.inconclusive': 'no concluyente',
  'verdict.indicative': 'orientativo',
  'verdict.notDecided': 'sin decidir',
  'verdict.exact': '{word} aquí',
  'verdict.seeds': { one: '{count} semilla', other: '{count} semillas' },
  'verdict.range': ', rango entre semillas de {lo:3} a {hi:3}',
  'verdict.effect': 'efecto {effect:3}{range}',
  'verdict.noEffect': 'ningún efecto finito',
  'verdict.empirical': '{word} ({seeds}: {effect})',
  'verdict.more': '; ejecuta con {needed} semillas o más para obtener un veredicto',
  'verdict.numbers': '{seeds}: {effect}',
  'meaning.exactHolds': 'Esta ejecución muestra la propiedad que predicen las matemáticas.',
  'meaning.holdsSeeds':
    'Las {count} semillas se movieron en el sentido que indica el curso: esta ejecución respalda la afirmación.',
  'meaning.holds': 'Esta ejecución coincide con la afirmación del curso.',
  'meaning.doesNotHoldSeeds':
    'Las {count} semillas se movieron en contra de la afirmación del curso: con estos ajustes queda contradicha.',
  'meaning.doesNotHold':
    'Esta ejecución contradice la afirmación del curso con estos ajustes: mira el gráfico para ver cómo.',
  'meaning.inconclusive':
    'Las semillas no coinciden, o el efecto queda dentro del ruido: esta ejecución no permite decidir en ningún sentido.',
  'meaning.indicativeOne':
    'Orientativo, una semilla: una sola ejecución es una anécdota. Ejecútalo con {needed} semillas para decidirlo.',
  'meaning.indicativeFew': 'Orientativo, {count} semillas: son pocas para decidir. Ejecútalo con {needed} semillas.',
  'meaning.notDecided':
    'Esta ejecución no tiene los datos para decidirlo (no se seleccionó una variante que necesita, o falló una ejecución).',
  'claims.heading': 'Lo que decide este gráfico',
  'claims.observed': 'Observado: {text}',
  'claims.howDecided': 'Cómo se decidió',
  'claims.rerun': 'Ejecutar de nuevo con {count} semillas',
  'claims.negligible': '; despreciable por debajo de {value}',
  'claims.listSeparator': '; ',

  // lab page: the settings form, its presets, the learner's own text
  'form.label': 'Ajustes del experimento',
  'form.quick': 'Modo rápido (más pequeño, para un primer vistazo)',
  'form.advanced': { one: 'Ajustes avanzados ({count})', other: 'Ajustes avanzados ({count})' },
  'form.run': 'Ejecutar',
  'form.stop': 'Detener',
  'form.reset': 'Restablecer los ajustes',
  'form.field.seeds': 'Semillas',
  'form.field.seed': 'Primera semilla',
  'form.presetLine': 'Se partió del ajuste predefinido «{name}».',
  'form.presetsTitle': 'Empieza desde un ajuste predefinido',
  'form.presetsIntro':
    'Un clic carga sus ajustes y lo ejecuta (marca antes el modo rápido si quieres una ejecución más corta).',
  'form.yourText': 'Tu texto',
  'form.trainsOnShakespeare': 'Entrena con TinyShakespeare (se carga solo cuando pulsas Ejecutar).',
  'form.noShakespeare': 'TinyShakespeare no forma parte de esta compilación (ejecuta {script} y vuelve a compilar).',
  'form.ownText':
    'Si lo prefieres, puedes usar tu propio archivo de texto: {input} (se lee en tu navegador y nunca se sube).',
  // lab page: the run's progress and status line
  'progress.title': 'Progreso',
  'progress.job': '{variant} (semilla {seed:int})',
  'progress.failed': 'falló: {error}',
  'progress.step': '{status}, paso {done:int} de {total:int}',
  'progress.eta': ', quedan unos {seconds:int} s',
  'progress.status.queued': 'en cola',
  'progress.status.running': 'en curso',
  'progress.status.done': 'terminada',
  'progress.status.failed': 'fallida',
  'progress.status.cancelled': 'cancelada',
  'status.running': 'Ejecutando…',
  'status.stopping': 'Deteniendo…',
  'status.stopped': 'Detenido. Las ejecuciones que habían terminado se conservan en los gráficos.',
  'status.allFailed':
    'Todas las ejecuciones fallaron, así que no hay resultados: {reasons}. Cambia los ajustes y vuelve a ejecutar.',
  'status.someFailed': {
    one: '{count} de {total} ejecuciones falló (ver arriba); los resultados usan las demás.',
    other: '{count} de {total} ejecuciones fallaron (ver arriba); los resultados usan las demás.',
  },
  'status.done': 'Terminado.',
  'status.cannotStart': 'La ejecución no pudo empezar: {message}',
  'status.restored': 'Se muestra tu última ejecución terminada ({date}).',

  // lab page: around the form
  'lab.look': 'Qué observar:',
  'lab.theory': 'Teoría: {link}',
  'lab.oneAtATime':
    'Sus ejecuciones van de una en una: cronometradas a la vez, compartirían los núcleos y el bus de memoria y se ralentizarían entre sí.',
  'lab.predictTitle': 'Antes de ejecutar: predice',
  'lab.predictIntro': 'Comprométete primero con una respuesta; la ejecución te mostrará si se cumple.',
  'form.usingText': 'Se usa tu texto «{name}» ({count:int} caracteres).',
  'form.fileRefused': 'Tu archivo «{name}» {problem}: elige un archivo de texto plano (.txt). {until}',
  'form.untilShakespeare': 'Mientras tanto, la ejecución entrena con TinyShakespeare.',
  'form.untilNothing': 'Mientras tanto, no hay texto con el que entrenar.',

  // what a learner typed that cannot be used (forms, widgets, a shared link's settings)
  'input.listEmpty': 'Escribe al menos un número, p. ej. 1, 2, 3.',
  'input.listTooLong': 'Son {count:int} números; aquí se admiten como mucho {max:int}.',
  'input.listTooShort': 'Escribe al menos {min:int} números.',
  'input.itemNotNumber': 'El elemento {n:int} («{token}») no es un número.',
  'input.itemTooLarge': 'El elemento {n:int} ({token}) es demasiado grande para float32.',
  'input.empty': 'El campo {name} está vacío.',
  'input.notNumber': 'El campo {name} debe ser un número.',
  'input.tooLarge': 'El campo {name} es demasiado grande.',
  'input.atLeast': 'El campo {name} debe ser como mínimo {min}.',
  'input.greaterThan': 'El campo {name} debe ser mayor que {min}.',
  'input.atMost': 'El campo {name} debe ser como máximo {max}.',
  'input.noRows': 'Escribe al menos una fila de números.',
  'input.tooManyRows': 'Son {count:int} filas; aquí se admiten como mucho {max:int}.',
  'input.row': 'Fila {n:int}: {error}',
  'input.rowLength':
    'La fila {n:int} tiene {count:int} números, pero la fila 1 tiene {cols:int}; todas las filas deben tener la misma longitud.',
  'input.whole': 'El campo {name} debe ser un número entero.',
  'input.bool': 'El campo {name} debe ser true o false.',
  'input.choice': 'El campo {name} debe ser uno de estos valores: {choices}.',
  'input.list': '{name}: {error}',
  'input.everyAtLeast': '{name}: cada valor debe ser como mínimo {min}.',
  'input.everyGreaterThan': '{name}: cada valor debe ser mayor que {min}.',
  'input.everyAtMost': '{name}: cada valor debe ser como máximo {max}.',
  'input.chooseOne': '{name}: elige al menos uno.',
  'input.notChoice': '{name}: «{bad}» no es uno de estos valores: {choices}.',
  'input.unknownKind': '{name}: tipo de campo desconocido {kind}',
  'link.unknownPreset': 'El enlace indica un ajuste predefinido desconocido, «{preset}»; se ha ignorado.',
  'link.unknownSetting': 'El enlace indica un ajuste desconocido, «{key}»; se ha ignorado.',
  'link.badValue': 'Se ha ignorado el valor del enlace para {name}: {error}',

  // los workers del motor: uno que se detiene, un mensaje sin sentido, el WASM que no carga
  'engine.workerStopped': 'El worker de cálculo se detuvo de forma inesperada. Vuelve a intentarlo.',
  'engine.workerStoppedDetail': 'El worker de cálculo se detuvo de forma inesperada: {detail}. Vuelve a intentarlo.',
  'engine.jobWorkerStopped':
    'El worker que ejecutaba esta tarea se detuvo de forma inesperada; quizá se quedó sin memoria. Prueba con ajustes más pequeños; las demás ejecuciones continúan.',
  'engine.jobWorkerStoppedDetail':
    'El worker que ejecutaba esta tarea se detuvo de forma inesperada ({detail}); quizá se quedó sin memoria. Prueba con ajustes más pequeños; las demás ejecuciones continúan.',
  'engine.malformed': 'El worker envió un mensaje mal formado ({problem}).',
  'engine.shutDown': 'El motor de cálculo se ha cerrado.',
  'engine.loadFailed':
    'El motor de cálculo (WebAssembly) no se pudo cargar: {cause}. Recarga la página para volver a intentarlo; si sigue fallando, comprueba tu conexión y que tu navegador permite WebAssembly. El texto del curso y el cuestionario funcionan sin él.',
  'engine.notWasm': 'lo que llegó como su archivo no es WebAssembly; quizá una página de error del servidor ({detail})',
  'engine.notDownloaded': 'no se pudo descargar su archivo ({detail})',

  // progreso y ejecuciones guardados que no se pueden usar
  'storage.unreadable': 'No se pudo leer el progreso guardado; se empieza de cero.',
  'storage.damaged': 'El progreso guardado {store} estaba dañado y se ha descartado.',
  'storage.older': 'El progreso guardado {store} venía de una versión anterior de NormLab y se ha descartado.',
  'storage.badForm': 'El progreso guardado {store} no tenía la forma esperada y se ha descartado.',
  'storage.store.quiz': 'del cuestionario',
  'storage.store.drills': 'de los problemas de práctica',
  'storage.store.results': 'de los resultados',
  'storage.store.exercises': 'de los ejercicios',
  'storage.store.exercise-code': 'del código de los ejercicios',
  'storage.store.visited': 'de la lectura',
  'runs.unavailable':
    'Las ejecuciones guardadas no están disponibles en este navegador (el almacenamiento está desactivado o es privado); las ejecuciones se conservan solo durante esta visita.',
  'runs.damaged': 'Tus ejecuciones guardadas estaban dañadas y se han descartado.',
  'runs.someDamaged': {
    one: 'Se descartó {count:int} ejecución guardada dañada; las demás se conservan.',
    other: 'Se descartaron {count:int} ejecuciones guardadas dañadas; las demás se conservan.',
  },
  'runs.tooLarge': 'Esta ejecución supera el presupuesto de almacenamiento y no se ha guardado.',
  'runs.full': 'El almacenamiento del navegador está lleno: esta ejecución se conserva solo durante esta visita.',
  'runs.notSaved': 'No se pudo guardar esta ejecución; se conserva solo durante esta visita.',
  'runs.notRemoved': 'No se pudieron borrar de este navegador las ejecuciones guardadas.',
  'learner.replaced': 'Esta ejecución se sustituyó por otra más reciente.',
  'learner.timeout':
    'Tu código no terminó en {seconds} s (¿un bucle infinito?), así que se detuvo. Nada más se ve afectado: corrígelo y vuelve a ejecutar las comprobaciones.',
  'learner.blocked':
    "El servidor de este sitio no permite compilar código en el worker de los ejercicios ({detail}). Consulta la sección del README sobre el alojamiento: el script del worker de los ejercicios debe servirse sin una Content-Security-Policy que prohíba 'unsafe-eval'.",
  'learner.couldNotRun': 'Tu código no se pudo ejecutar: {detail}',
  'learner.workerStopped': 'El worker de los ejercicios se detuvo. Vuelve a ejecutar las comprobaciones.',
  'learner.workerStoppedDetail':
    'El worker de los ejercicios se detuvo: {detail}. Vuelve a ejecutar las comprobaciones.',
  'learner.left': 'Se salió de la página del ejercicio.',
  'offline.ready': 'Hay una versión nueva de NormLab lista; se usará la próxima vez que abras el curso.',
  'offline.updateNow': 'Actualizar ahora',

  // el widget de la señal: la escala de las activaciones a lo largo de la profundidad, en vivo
  'signal.title': 'La escala de las activaciones a lo largo de la profundidad, en vivo',
  'signal.intro':
    'Una pila de capas Linear({width:int} → {width:int}) con pesos tomados de N(0, g²/{width:int}), de modo que n·Var(w) = g², cada una seguida de la activación y después de la normalización, alimentada con {batch:int} filas de entrada N(0, 1). Mueve un control deslizante: el núcleo vuelve a calcular la pasada hacia delante y el gráfico se redibuja.',
  'signal.depth': 'Profundidad L (capas)',
  'signal.gain': 'Escala de inicialización g',
  'signal.activation': 'Activación',
  'signal.normAfter': 'Normalización tras cada capa',
  'signal.normNone': 'ninguna',
  'signal.activationNone': 'ninguna (lineal)',
  'signal.chartLabel':
    'Gráfico de líneas de la desviación estándar de las activaciones por capa, en eje logarítmico: la medida (continua) y la que predice la propagación de la varianza (discontinua). La frase de arriba y la tabla de abajo dan los valores.',
  'signal.layer': 'capa',
  'signal.measured': 'desviación estándar medida',
  'signal.predicted': 'desviación estándar predicha',
  'signal.axisLayer': 'capa (0 = la entrada)',
  'signal.axisStd': 'desviación estándar de las activaciones (eje logarítmico)',
  'signal.gainText': 'g = {g}, n·Var(w) = {variance:3}',
  'signal.with': 'Con {name}',
  'signal.noNorm': 'Sin normalización',
  'signal.overflowed': 'se desborda (sale del rango de float)',
  'signal.end': 'es {last:3}',
  'signal.endPredicted': 'es {last:3} (la propagación de la varianza predice {predicted:3})',
  'signal.summary': {
    one: '{what}, la desviación estándar de la entrada es {first:3}; tras {count:int} capa {end}.',
    other: '{what}, la desviación estándar de la entrada es {first:3}; tras {count:int} capas {end}.',
  },

  // lab page: compare runs
  'compare.title': 'Comparar ejecuciones',
  'compare.budget':
    'Este navegador guarda tus últimas {runs:int} ejecuciones de cada experimento (como mucho {megabytes} MB por experimento); las más antiguas se descartan primero.',
  'compare.run': 'Ejecución',
  'compare.against': 'frente a',
  'compare.overlay': 'Superponer',
  'compare.showOne': 'Mostrar una sola ejecución',
  'compare.forget': 'Olvidar las ejecuciones guardadas',
  'compare.notSet': '(sin valor)',
  'compare.needTwo': 'Termina dos ejecuciones (o conserva una y vuelve a ejecutar) para verlas en los mismos gráficos.',
  'compare.shown': 'Los gráficos muestran {a} con trazo continuo y {b} con trazo discontinuo y más claro.',
  'compare.differCaption': 'Ajustes que difieren',
  'compare.setting': 'ajuste',
  'compare.same': 'Las dos ejecuciones usaron los mismos ajustes.',
  'compare.runOf': 'ejecución del {date}',
  'compare.thisRun': 'esta ejecución',
  'compare.onScreen': 'esta ejecución (en pantalla)',
  'compare.chooseTwo': 'Elige dos ejecuciones distintas para compararlas.',

  // lab page: lr-sweep's stability map
  'sm.title': 'Mapa de estabilidad',
  'sm.placeholder': 'Tras una ejecución: la pérdida final de cada tasa de aprendizaje y profundidad, por variante.',
  'sm.key':
    'Color: pérdida final desde {lo:3} (oscuro) hasta {hi:3} (claro), con una misma escala para todas las variantes; × marca una ejecución detenida antes de tiempo (puntuada con ln V).',
  'sm.caption': 'Pérdida final por variante, profundidad y tasa de aprendizaje',
  'sm.rowHead': 'variante y profundidad',
  'sm.row': '{variant}, profundidad {depth:int}',
  'sm.lrColumn': 'tasa {lr}',
  'sm.what': '{variant}, profundidad {depth:int}, tasa {lr}: {words}',
  'sm.cell': 'pérdida final {score:3}',
  'sm.meanOf': ' (media de {count:int} semillas)',
  'sm.stopped': ', detenida antes de tiempo',
  'sm.someStopped': ', {count:int} de {seeds:int} detenidas antes de tiempo',
  'sm.noRun': 'sin ejecución',
  'sm.depth': 'prof. {depth:int}',
  'sm.lr': 'tasa de aprendizaje',

  // lab page: the charts' legends, marks and tables
  'chart.variant': 'variante',
  'chart.seedsRange': ' (semillas {lo} – {hi})',
  'chart.meanOf': '{variant} (media de {count:int} semillas)',
  'chart.divergedHere': 'divergió aquí',
  'chart.nonfiniteAt': '{variant}: no finito en {x} = {values}',
  'chart.divergedAt': '{variant} (semilla {seed:int}) divergió en el paso {step:int}',
  'chart.loadFailed': 'No se pudo cargar la gráfica ({message}); la próxima actualización lo vuelve a intentar.',
  'chart.loadFailedOnce': 'No se pudo cargar la gráfica: {message}',

  // lab page: the charts' annotations (a divergence, the warm-up's end, a claim's window)
  'annotation.diverged': '{variant} divergió',
  'annotation.divergedOf': ', {count:int} de {of:int} semillas, la primera',
  'annotation.seeds': { one: 'semilla {list}', other: 'semillas {list}' },
  'annotation.divergedText': 'una línea en el paso {step:int}: {variant} divergió ahí{which} ({seeds})',
  'annotation.sentence': 'Marcado en la gráfica: {list}.',
  'annotation.early': 'fase inicial',
  'annotation.earlyPct': 'fase inicial (primer {pct} %)',
  'annotation.earlyText':
    'una ventana sombreada sobre los pasos 0 a {last:int}, la fase inicial que mide la afirmación «{claim}»',
  'annotation.warmup': 'fin del calentamiento',
  'annotation.warmupText':
    'una línea punteada en el paso {step:int}: ahí las ejecuciones con calentamiento alcanzan la tasa de aprendizaje completa',

  // lab page: the run's estimate beside Run, and the confirmation before a long run
  'estimate.underSecond': 'menos de un segundo',
  'estimate.seconds': { one: 'unos {count:int} segundo', other: 'unos {count:int} segundos' },
  'estimate.minutes': { one: 'unos {count:int} minuto', other: 'unos {count:int} minutos' },
  'estimate.hours': { one: 'unas {count} hora', other: 'unas {count} horas' },
  'estimate.estimating': 'estimando la duración…',
  'estimate.none': 'sin estimación de duración',
  'estimate.problem': '({problem})',
  'estimate.onDevice': '{duration} en este dispositivo',
  'estimate.timed': 'cronometrado',
  'estimate.sampled': '{calibrated:int} de {kinds:int} tipos de ejecución cronometrados',
  'estimate.howWhole': '({sampled} completo en un worker)',
  'estimate.howJobs':
    '({sampled} en un worker; {jobs} en {workers}; como máximo: una ejecución que se detiene antes termina antes)',
  'estimate.runs': { one: '{count:int} ejecución', other: '{count:int} ejecuciones' },
  'estimate.workers': { one: '{count:int} worker', other: '{count:int} workers' },
  'confirm.title': 'Una ejecución larga',
  'confirm.run': 'Ejecutar de todos modos',
  'confirm.cancel': 'Cancelar',
  'confirm.text':
    'Se estima que esta ejecución tardará {duration} en este dispositivo. {suggestion} Cancelar deja tus ajustes como están.',
  'confirm.suggestQuick':
    'Menos pasos, semillas o variantes, o uno de los ajustes predefinidos, mostrarían la lección antes.',
  'confirm.suggestNotQuick':
    'El modo rápido (más pequeño, para un primer vistazo) o uno de los ajustes predefinidos mostrarían la lección antes.',

  // the lab index: each experiment's typical run time
  'runTime.line': 'Ejecución típica en la máquina del proyecto: {time}.',
  'runTime.seconds': 'unos {n:int} s',
  'runTime.minutes': 'unos {n:int} min',
  'runTime.both': '{full} (rápida: {quick})',
  'runTime.quickOnly': 'ejecución rápida: {quick}',

  // Text that comes from the core in English (its one home): the rule by which empirical claims
  // are decided, and each claim and observation by its id ("claim.<id>.claim" / ".observed"),
  // written from the claim's params. A claim without an id, or without an entry here, is shown
  // in the core's English.
  'core.verdictRule':
    'con 3 semillas emparejadas o más: se cumple si el efecto tiene el signo predicho en cada semilla, no se cumple si tiene el signo opuesto en cada semilla, y es no concluyente en otro caso (un efecto dentro del ruido indicado no cuenta como ninguno de los dos); con menos semillas el resultado es solo orientativo',
  // Lo que el núcleo rechaza en los ajustes del alumno, dado como datos (experiment.h, SettingsError):
  // "core.setting.<id>" con sus parámetros. El inglés es la frase del propio núcleo, nunca copiada aquí.
  'core.setting.listedTwice': '{key}: {value} aparece dos veces',
  'core.setting.wholeItems': '{key}: cada elemento debe ser un número entero (se recibió {got:3})',
  'core.setting.headsDivide': 'n_heads: el número de cabezas, {heads:int}, debe dividir a d_model ({d_model:int})',
  'core.setting.atMostBlocks': 'channels: como mucho {max:int} bloques convolucionales',
  'core.setting.channelsAtLeastOne': 'channels: cada bloque necesita al menos 1 canal',
  'core.setting.groupsDivide':
    'groups: los {groups:int} grupos deben dividir los canales de cada bloque ({channels:3} no es divisible)',
  'core.setting.imagesMemory':
    'train_images, val_images: las imágenes ocuparían {mib:3} MiB, más de {max:int} MiB; usa menos imágenes o más pequeñas',
  'core.setting.atMostDepths': 'depths: como mucho {max:int} profundidades',
  'core.setting.warmupAtMostSteps': 'warmup_steps: debe ser como máximo el número de pasos, steps ({steps:int})',
  'core.setting.atMostRuns': '{keys}: como mucho {max:int} ejecuciones por semilla',
  'core.setting.rowsTimesD': 'rows * d debe ser como máximo {max:int} (memoria): reduce rows o d',
  'core.setting.precisionWork':
    'offsets x scales x rows x d es demasiado trabajo (más de 5e7 valores): reduce rows o d',
  'core.setting.eachChoiceOnce': '{key}: cada opción puede aparecer una sola vez',
  'core.setting.signalMemory':
    'layers, width, batch: una ejecución necesitaría unos {mib:int} MiB (pesos layers x width^2, activaciones layers x batch x width), más de {max:int} MiB: reduce layers o width',
  'core.setting.dsWhole': 'ds: cada longitud de fila debe ser un número entero',
  'core.setting.dsTooLong': 'ds: una longitud de fila es mayor que el número de elementos',
  'core.setting.eachNormOnce': 'norms: cada normalización puede aparecer una sola vez',
  'core.setting.samplesMultiple':
    'samples: {samples:int} no es múltiplo del tamaño de lote {batch:3} (todas las ejecuciones deben ver el mismo número de ejemplos)',
  'core.setting.evalsSteps': 'evals: el tamaño de lote {batch:3} da solo {steps:int} pasos, menos que evals',

  'claim.eps.outside.claim':
    'Con épsilon fuera de la raíz cuadrada, las filas casi constantes dan gradientes no finitos o que explotan',
  'claim.eps.outside.observed': {
    by: 'nonfinite',
    0: 'ningún gradiente no finito; peor cociente max|dx| fuera/dentro = {ratio:3} con ruido {noise:3}',
    one: '{nonfinite} componente no finita del gradiente; peor cociente max|dx| fuera/dentro = {ratio:3} con ruido {noise:3}',
    other:
      '{nonfinite} componentes no finitas del gradiente; peor cociente max|dx| fuera/dentro = {ratio:3} con ruido {noise:3}',
  },
  'claim.eps.inside.claim':
    'Con épsilon dentro de la raíz cuadrada, todo gradiente se mantiene finito y por debajo de max|dy|(2 + sqrt(d))/sqrt(eps)',
  'claim.eps.inside.observed': {
    by: 'ok',
    true: 'max |dx| = {max_dx:3}, cota = {bound:3}, todos finitos',
    false: 'max |dx| = {max_dx:3}, cota = {bound:3}, NO todos finitos o por encima de la cota',
  },
  // norm-compare: each run's outcome and the settings of the run are sentences of their own
  'claim.norm-compare.nonorm-diverges.claim':
    'Sin normalización, la ejecución diverge en {steps:int} pasos o menos (tasa de aprendizaje {lr:3})',
  'claim.norm-compare.nonorm-diverges.observed':
    'NoNorm, {runs}; efecto +1 para una semilla que divergió, -1 para una que no{settings}',
  'claim.norm-compare.nonorm-diverges.runs': 'semilla {seed:int}: {run}',
  'claim.norm-compare.post-less-stable.claim':
    'Post-LN es menos estable que Pre-LN al principio: en el primer {early_pct:3} % de los pasos, su pérdida sube más de un paso al siguiente (una divergencia ahí es una subida grande) (tasa de aprendizaje {lr:3})',
  'claim.norm-compare.post-less-stable.observed':
    'subida relativa total de la pérdida de un paso al siguiente en los primeros {early_steps:int} pasos, {runs}; un |efecto| <= {negligible:3} (el 10 % de la subida media de Pre-LN, lo que el ruido de los lotes puede mover por sí solo) no cuenta como ningún signo{settings}',
  'claim.norm-compare.post-less-stable.runs': 'semilla {seed:int}: Post-LN {post}, Pre-LN {pre}',
  'claim.norm-compare.post': { by: 'diverged', true: '{rise:3} (divergió en el paso {at:int})', false: '{rise:3}' },
  'claim.norm-compare.pre': { by: 'diverged', true: '{rise:3} (divergió en el paso {at:int})', false: '{rise:3}' },
  'claim.norm-compare.post-ends-higher.claim':
    'Post-LN sin calentamiento termina con una pérdida de validación más alta que Pre-LN (LayerNorm) (tasa de aprendizaje {lr:3})',
  'claim.norm-compare.post-ends-higher.observed':
    '{runs}; efecto = pérdida de validación final de Post-LN menos la de Pre-LN (una ejecución que diverge puntúa su pérdida inicial); un |efecto| <= {negligible:3} nats no cuenta como ningún signo{settings}',
  'claim.norm-compare.post-ends-higher.runs': 'semilla {seed:int}: Post-LN {post}, Pre-LN {pre}',
  'claim.norm-compare.post-ends-higher.post': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {initial:3} -> {final:3}',
  },
  'claim.norm-compare.post-ends-higher.pre': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {initial:3} -> {final:3}',
  },
  'claim.norm-compare.rms-converges.claim':
    'Pre-LN + RMSNorm converge de forma estable: no diverge y la pérdida de validación final queda por debajo de la inicial (tasa de aprendizaje {lr:3})',
  'claim.norm-compare.rms-converges.observed':
    'Pre-LN + RMSNorm, {runs}; efecto = pérdida de validación inicial menos final (una divergencia cuenta -1); un |efecto| <= {negligible:3} nats no cuenta como ningún signo{settings}',
  'claim.norm-compare.rms-converges.runs': 'semilla {seed:int}: {run}',
  'claim.norm-compare.rms-same-loss.claim':
    'RMSNorm alcanza la misma pérdida que LayerNorm (Pre-LN): pérdidas de validación finales a menos de un {tolerance:3} % una de otra (tasa de aprendizaje {lr:3})',
  'claim.norm-compare.rms-same-loss.observed':
    '{runs}; efecto = el {tolerance:3} % de la pérdida de LayerNorm menos la diferencia (positivo dentro de la banda; una divergencia cuenta -1){settings}',
  'claim.norm-compare.rms-same-loss.runs': 'semilla {seed:int}: RMSNorm {rms}, LayerNorm {layer}',
  'claim.norm-compare.needs-variants.claim':
    'Las afirmaciones del curso necesitan las variantes NoNorm, Post-LN y Pre-LN',
  'claim.norm-compare.needs-variants.observed': 'no se seleccionó ninguna de ellas',
  'claim.norm-compare.run': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {initial:3} -> {final:3}',
  },
  'claim.norm-compare.rms': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {initial:3} -> {final:3}',
  },
  'claim.norm-compare.layer': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {initial:3} -> {final:3}',
  },
  'claim.norm-compare.settings': {
    by: 'quick',
    true: ' [d_model {d_model:int}, {blocks:int} bloques, contexto {context:int}, lote {batch:int}, {steps:int} pasos; modo rápido: más corto que el predeterminado]',
    false:
      ' [d_model {d_model:int}, {blocks:int} bloques, contexto {context:int}, lote {batch:int}, {steps:int} pasos]',
  },
  // pre-post: each claim at every depth; a run's outcome without and with warm-up
  'claim.pre-post.post-needs-warmup.claim':
    'Post-LN necesita calentamiento a esta tasa de aprendizaje: sin él, la pérdida de validación final es más alta (L={depth:int})',
  'claim.pre-post.post-needs-warmup.observed':
    'Post-LN, {runs}; efecto = pérdida de validación sin calentamiento menos con él (una ejecución que diverge puntúa ln V){noise}{settings}',
  'claim.pre-post.post-needs-warmup.runs': 'semilla {seed:int}: {outcomes}',
  'claim.pre-post.warmup-more-with-depth.claim':
    'Post-LN necesita más el calentamiento cuanto más profundo es: saltárselo cuesta más con L={deep:int} que con L={shallow:int}',
  'claim.pre-post.warmup-more-with-depth.observed':
    'coste de no calentar (pérdida de validación sin calentamiento menos con él): {runs} (si Post-LN también falla con calentamiento en la pila más profunda, el coste ahí es pequeño y esta afirmación no se cumple: la tasa supera el límite de Post-LN a esa profundidad, con calentamiento o sin él){noise}{settings}',
  'claim.pre-post.warmup-more-with-depth.runs':
    'semilla {seed:int}: L={shallow:int} {cost_shallow:3}, L={deep:int} {cost_deep:3}',
  'claim.pre-post.pre-less-dependent.claim':
    'Pre-LN depende mucho menos del calentamiento que Post-LN: saltárselo le cuesta menos a Pre-LN (L={depth:int})',
  'claim.pre-post.pre-less-dependent.observed':
    '{runs}; efecto = coste de Post-LN menos coste de Pre-LN{noise}{settings}',
  'claim.pre-post.pre-less-dependent.runs':
    'semilla {seed:int}: Pre-LN {outcomes} (coste {pre_cost:3}), coste de Post-LN {post_cost:3}',
  'claim.pre-post.expected-grad-grows.claim':
    'En la inicialización, el gradiente esperado de la segunda matriz de la FFN de Post-LN crece hacia la salida en comparación con el de Pre-LN (Xiong et al. 2020, fig. 3; L={depth:int})',
  'claim.pre-post.expected-grad-grows.observed':
    '{first}; {ratios}; gradiente promediado sobre {batches:int} lotes antes de la normalización; efecto = log10(último/primero de Post-LN) - log10(último/primero de Pre-LN); un |efecto| <= 0,05 (un factor 1,12) no cuenta como ningún signo (fijado para la media por defecto sobre 16 lotes; una media sobre menos lotes es más ruidosa){settings}',
  'claim.pre-post.first':
    'semilla {seed:int}, gradiente esperado por bloque (del primero al último): Post-LN [{post_grad}] (norma por lote [{post_batch}]), Pre-LN [{pre_grad}] (por lote [{pre_batch}])',
  'claim.pre-post.ratios': 'semilla {seed:int}, último/primero: Post-LN {post_ratio:3}, Pre-LN {pre_ratio:3}',
  'claim.pre-post.needs-both.claim': 'Las afirmaciones comparan Pre-LN y Post-LN con y sin calentamiento',
  'claim.pre-post.needs-both.observed': 'selecciona las dos posiciones',
  'claim.pre-post.outcomes': 'sin calentamiento {no}, con {yes}',
  'claim.pre-post.no': { by: 'diverged', true: 'divergió en el paso {at:int}', false: 'pérdida de validación {val:3}' },
  'claim.pre-post.yes': {
    by: 'diverged',
    true: 'divergió en el paso {at:int}',
    false: 'pérdida de validación {val:3}',
  },
  'claim.pre-post.noise':
    '; un |efecto| <= {negligible:3} nats no cuenta como ningún signo (aproximadamente el doble del error estándar de una media de validación sobre {val_batches:int} lotes)',
  'claim.pre-post.settings': {
    by: 'quick',
    true: ' [inicialización {init}, d_model {d_model:int}, contexto {context:int}, lote {batch:int}, {steps:int} pasos, tasa {lr:3}, calentamiento de {warmup:int} pasos; modo rápido: menos profundo, más pequeño y más corto que el predeterminado]',
    false:
      ' [inicialización {init}, d_model {d_model:int}, contexto {context:int}, lote {batch:int}, {steps:int} pasos, tasa {lr:3}, calentamiento de {warmup:int} pasos]',
  },
  // lr-sweep: the largest stable learning rate of two variants per seed, and the run's settings
  'claim.lr-sweep.nonorm-breaks-first.claim':
    'Sin normalización, el modelo se rompe a una tasa de aprendizaje más baja que con Pre-LN (LayerNorm): la mayor tasa estable de Pre-LN es más alta (L={depth:int})',
  'claim.lr-sweep.nonorm-breaks-first.observed':
    'mayor tasa de aprendizaje estable, {runs}; efecto en pasos de la rejilla de la mayor tasa estable (por debajo de la rejilla = -1); los pasos son números enteros, así que un empate no cuenta como ningún signo{settings}',
  'claim.lr-sweep.postln-breaks-first.claim':
    'Post-LN sin calentamiento se rompe a una tasa de aprendizaje más baja que Pre-LN (LayerNorm) (L={depth:int})',
  'claim.lr-sweep.postln-breaks-first.observed':
    'mayor tasa de aprendizaje estable, {runs}; efecto en pasos de la rejilla de la mayor tasa estable (por debajo de la rejilla = -1); los pasos son números enteros, así que un empate no cuenta como ningún signo{settings}',
  'claim.lr-sweep.warmup-helps-postln.claim':
    'El calentamiento (warm-up) lleva el punto de ruptura de Post-LN a una tasa de aprendizaje más alta (L={depth:int})',
  'claim.lr-sweep.warmup-helps-postln.observed':
    'mayor tasa de aprendizaje estable, {runs}; efecto en pasos de la rejilla de la mayor tasa estable (por debajo de la rejilla = -1); los pasos son números enteros, así que un empate no cuenta como ningún signo{settings}',
  'claim.lr-sweep.qknorm-raises-lr.claim':
    'QK-norm eleva la mayor tasa de aprendizaje estable (Pre-LN RMSNorm con QK-norm frente a sin ella) (L={depth:int})',
  'claim.lr-sweep.qknorm-raises-lr.observed':
    'mayor tasa de aprendizaje estable, {runs}; efecto en pasos de la rejilla de la mayor tasa estable (por debajo de la rejilla = -1); los pasos son números enteros, así que un empate no cuenta como ningún signo{settings}',
  'claim.lr-sweep.gap-grows-with-depth.claim':
    'La distancia entre los puntos de ruptura de Pre-LN y de Post-LN (sin calentamiento) crece con la profundidad (de L={lo:int} a L={hi:int})',
  'claim.lr-sweep.gap-grows-with-depth.observed':
    'distancia = mayor tasa estable de Pre-LN menos la de Post-LN, en pasos de la rejilla: {runs}; efecto = distancia en la red profunda menos distancia en la poco profunda; efecto en pasos de la rejilla de la mayor tasa estable (por debajo de la rejilla = -1); los pasos son números enteros, así que un empate no cuenta como ningún signo{settings}',
  'claim.lr-sweep.gap-grows-with-depth.runs': 'semilla {seed:int}: L{lo:int} {gap_lo:int}, L{hi:int} {gap_hi:int}',
  'claim.lr-sweep.rms-matches-layer.claim':
    'RMSNorm y LayerNorm (Pre-LN) se rompen a un paso de la rejilla o menos una de otra (L={depth:int})',
  'claim.lr-sweep.rms-matches-layer.observed':
    'mayor tasa de aprendizaje estable, {runs}; efecto = 1,5 - |diferencia en pasos de la rejilla| (positivo a un paso o menos, negativo a dos o más){settings}',
  'claim.lr-sweep.qknorm-bounds-logit.claim':
    'QK-norm mantiene acotado el logit de atención máximo: en toda la rejilla de tasas queda por debajo del de Pre-LN RMSNorm sin QK-norm (L={depth:int})',
  'claim.lr-sweep.qknorm-bounds-logit.observed':
    'mayor logit de atención en todos los pasos y tasas de la rejilla, {runs}; efecto = log10(sin / con); un |efecto| <= 0,1 (un factor 1,26), la dispersión entre semillas de un máximo, no cuenta como ningún signo{settings}',
  'claim.lr-sweep.qknorm-bounds-logit.runs': 'semilla {seed:int}: sin {without:3}, con {with:3}',
  'claim.lr-sweep.needs-variants.claim': 'Las afirmaciones comparan variantes: selecciona al menos dos',
  'claim.lr-sweep.needs-variants.observed': 'se seleccionaron muy pocas variantes',
  'claim.lr-sweep.runs': 'semilla {seed:int}: {a}, {b}',
  'claim.lr-sweep.a': { by: 'stable', true: '{variant} {lr:3}', false: '{variant} ninguna' },
  'claim.lr-sweep.b': { by: 'stable', true: '{variant} {lr:3}', false: '{variant} ninguna' },
  'claim.lr-sweep.settings': {
    by: 'quick',
    true: ' [inicialización {init}, d_model {d_model:int}, contexto {context:int}, lote {batch:int}, {steps:int} pasos, Adam, sin recorte de gradiente, calentamiento de {warmup:int} pasos en las variantes +warmup; modo rápido: más pequeño, más corto y con una rejilla más gruesa que el predeterminado]',
    false:
      ' [inicialización {init}, d_model {d_model:int}, contexto {context:int}, lote {batch:int}, {steps:int} pasos, Adam, sin recorte de gradiente, calentamiento de {warmup:int} pasos en las variantes +warmup]',
  },
  // bn-vs-gn: accuracy tables per batch size, per-seed lists in accuracy points
  'claim.bn-vs-gn.needs-two-sizes.claim': 'Comparar tamaños de lote requiere al menos dos',
  'claim.bn-vs-gn.needs-two-sizes.observed': 'se indicó un solo tamaño de lote',
  'claim.bn-vs-gn.group-flat.claim':
    'La precisión de GroupNorm es plana frente al tamaño de lote: su rango (mejor menos peor tamaño de lote) no supera el ruido de la evaluación',
  'claim.bn-vs-gn.group-flat.observed':
    '{table} (media sobre las semillas); rango por semilla: {range} puntos; ruido: {noise:3} puntos (2 errores estándar binomiales de una diferencia sobre {images:int} imágenes). Efecto por semilla: ruido - rango{settings}',
  'claim.bn-vs-gn.needs-small-batch.claim': 'La precisión de BatchNorm en modo de evaluación cae con lotes <= 4',
  'claim.bn-vs-gn.needs-small-batch.observed': 'hace falta un tamaño de lote <= 4 y otro mayor',
  'claim.bn-vs-gn.bn-drops.claim':
    'La precisión de BatchNorm en modo de evaluación (con las estadísticas móviles) cae con lotes <= 4: queda por debajo de su precisión con B={large:int}',
  'claim.bn-vs-gn.bn-drops.observed':
    '{table} (media sobre las semillas); caída por semilla (B={large:int} menos el mejor de los lotes <= 4): {drop} puntos; ruido: {noise:3} puntos (2 errores estándar binomiales de la diferencia){settings}',
  'claim.bn-vs-gn.precise-recovers.claim':
    'BatchNorm preciso (estadísticas recalculadas sobre el conjunto de entrenamiento al terminar) recupera parte de lo perdido con lotes pequeños: con lotes <= 4 es más preciso que con las estadísticas móviles',
  'claim.bn-vs-gn.precise-recovers.observed':
    'ganancia por semilla (media sobre los lotes <= 4): {gain} puntos; con las estadísticas de lotes reservados del tamaño de entrenamiento en su lugar: {batch_stats} puntos; ruido: {noise:3} puntos. Una ganancia indica que las estadísticas móviles no coincidían con las que se usaron para normalizar durante el entrenamiento: el desajuste de estadísticas entre entrenamiento y evaluación{settings}',
  'claim.bn-vs-gn.table': '{norm}: {rows}',
  'claim.bn-vs-gn.rows': {
    by: 'diverged',
    true: 'B{batch:int} {acc:3} % (divergió)',
    false: 'B{batch:int} {acc:3} %',
  },
  'claim.bn-vs-gn.settings': {
    by: 'quick',
    true: ' [{samples:int} muestras por ejecución, SGD con tasa {lr:3} x lote / 32, momento {momentum:3}, GroupNorm con {groups:int} grupos, brillo +-{brightness:3}, contraste x(1 +- {contrast:3}); modo rápido: menos muestras e imágenes que el predeterminado]',
    false:
      ' [{samples:int} muestras por ejecución, SGD con tasa {lr:3} x lote / 32, momento {momentum:3}, GroupNorm con {groups:int} grupos, brillo +-{brightness:3}, contraste x(1 +- {contrast:3})]',
  },
  // norm-ablation: per-seed lists (percentages, speed-ups) and how the step times were taken
  'claim.norm-ablation.all-train.claim':
    'Todas las variantes entrenan (pérdida final, la media del último 10 % de los pasos, por debajo del 90 % de la pérdida del paso 0)',
  'claim.norm-ablation.all-train.observed':
    '{runs}. Efecto por semilla: el margen de la peor variante, 0,9 - final / inicial (una ejecución que diverge cuenta -1)',
  'claim.norm-ablation.runs': 'semilla {seed:int}: {variants}',
  'claim.norm-ablation.variants': {
    by: 'diverged',
    true: '{variant} divergió',
    false: '{variant} {initial:3} -> {final:3}',
  },
  'claim.norm-ablation.rms-same-loss.claim':
    'RMSNorm alcanza la misma pérdida final que LayerNorm (a menos de un 10 %)',
  'claim.norm-ablation.rms-same-loss.observed':
    'pérdida final de RMSNorm respecto a la de LayerNorm, por semilla: {diff}. Efecto por semilla: 10 - |diferencia| (en puntos porcentuales)',
  'claim.norm-ablation.needs-layer-rms.claim':
    'RMSNorm alcanza la misma pérdida final que LayerNorm (a menos de un 10 %)',
  'claim.norm-ablation.needs-layer-rms.observed':
    'no se puede decidir en esta ejecución (añade layer y rms a las normalizaciones)',
  'claim.norm-ablation.rms-faster.claim': 'El paso de entrenamiento de RMSNorm es más rápido que el de LayerNorm',
  'claim.norm-ablation.rms-faster.observed':
    'ahorro de tiempo por paso en cada semilla: {saving}{timing}. Efecto por semilla: el ahorro en %',
  'claim.norm-ablation.amdahl.claim':
    'La ley de Amdahl predice el ahorro: 1 - (1 - f + f/s), con f la fracción de un paso de LayerNorm que ocupa la normalización y s la aceleración del kernel de RMSNorm, coincide con el ahorro medido dentro del ruido de los tiempos',
  'claim.norm-ablation.amdahl.observed':
    'por semilla: f {share}, s {speedup}, predicho {predicted}, medido {saving}{timing}. Efecto por semilla: ruido - |medido - predicho| (en puntos porcentuales)',
  'claim.norm-ablation.rms-saves-30-40.claim':
    'RMSNorm ahorra un 30-40 % del tiempo por paso frente a LayerNorm (la cifra citada para RNN que normalizan cada paso temporal en frameworks sin kernels fusionados, Zhang & Sennrich 2019)',
  'claim.norm-ablation.rms-saves-30-40.observed':
    'ahorro de tiempo por paso en cada semilla: {saving}{timing}. Efecto por semilla: la distancia hacia dentro de [30 %, 40 %] (negativa: fuera)',
  'claim.norm-ablation.nonorm-jitter.claim':
    'Sin normalización, la curva de pérdida es más irregular (desviación estándar de los cambios de la pérdida de un paso al siguiente en el último 20 % de los pasos)',
  'claim.norm-ablation.nonorm-jitter.observed':
    '{jitter_runs}. Efecto por semilla: la irregularidad de none / la mayor de las variantes con normalización - 1; a menos de un 10 % no cuenta como ningún signo',
  'claim.norm-ablation.jitter_runs': 'semilla {seed:int}: none {none:3}, {normed}',
  'claim.norm-ablation.normed': '{variant} {jitter:3}',
  'claim.norm-ablation.diff': '{value:3} %',
  'claim.norm-ablation.saving': '{value:3} %',
  'claim.norm-ablation.share': '{value:3} %',
  'claim.norm-ablation.predicted': '{value:3} %',
  'claim.norm-ablation.speedup': '{value:3}x',
  'claim.norm-ablation.timing': {
    by: 'clock',
    cpu: '; tiempos por paso: pasos de entrenamiento completos de un modelo nuevo con LayerNorm y otro con RMSNorm de esta forma, cronometrados de forma intercalada (A B A B ..., {rounds:int} rondas tras una de calentamiento) con el tiempo de CPU del hilo, mediana por semilla; ruido: {noise:3} puntos (las muescas del 95 % de las medianas, 1,57 IQR / sqrt(n), combinadas; la mayor entre semillas)',
    wall: '; tiempos por paso: pasos de entrenamiento completos de un modelo nuevo con LayerNorm y otro con RMSNorm de esta forma, cronometrados de forma intercalada (A B A B ..., {rounds:int} rondas tras una de calentamiento) con el tiempo de reloj, mediana por semilla; ruido: {noise:3} puntos (las muescas del 95 % de las medianas, 1,57 IQR / sqrt(n), combinadas; la mayor entre semillas)',
  },
  // bn-cnn: per seed, the largest learning rate reaching the threshold with and without BatchNorm
  'claim.bn-cnn.higher-lr.claim':
    'BatchNorm entrena con tasas de aprendizaje más altas: la mayor tasa de aprendizaje que alcanza un {pct:3} % de precisión de validación es más alta con BatchNorm que sin normalización',
  'claim.bn-cnn.higher-lr.observed':
    'Efecto por semilla: cuántos pasos de la rejilla más arriba está esa mayor tasa con BatchNorm{grid}{settings}',
  'claim.bn-cnn.less-sensitive.claim':
    'BatchNorm es menos sensible a la tasa de aprendizaje: con él, más tasas de la rejilla alcanzan un {pct:3} % de precisión de validación que sin normalización',
  'claim.bn-cnn.less-sensitive.observed':
    'Efecto por semilla: el recuento de BatchNorm menos el de sin normalización (recuentos iguales no cuentan como ningún signo); dispersión de la precisión de validación en la rejilla (máx. - mín., media sobre las semillas): BatchNorm {bn_spread:3} puntos, sin normalización {no_spread:3} puntos{grid}{settings}',
  'claim.bn-cnn.needs-both.claim':
    'Comparar BatchNorm con la ausencia de normalización requiere seleccionar ambas (batch y none)',
  'claim.bn-cnn.needs-both.observed': 'solo se seleccionó {norms}',
  'claim.bn-cnn.grid':
    ' (BatchNorm frente a sin normalización; por semilla: {runs}). Media sobre las semillas: {batch_table}; {none_table}; las ejecuciones que divergen cuentan como azar ({chance:3} %)',
  'claim.bn-cnn.runs':
    'semilla {seed:int}: mayor tasa {batch} frente a {none}, {reach_batch:int} frente a {reach_none:int} tasas alcanzan el {pct:3} %',
  'claim.bn-cnn.batch': { by: 'reached', true: '{lr:3}', false: 'ninguna' },
  'claim.bn-cnn.none': { by: 'reached', true: '{lr:3}', false: 'ninguna' },
  'claim.bn-cnn.batch_table': 'BatchNorm: {rows}',
  'claim.bn-cnn.none_table': 'sin normalización: {rows}',
  'claim.bn-cnn.rows': {
    by: 'diverged',
    true: '{lr:3} -> {acc:3} % (divergió)',
    false: '{lr:3} -> {acc:3} %',
  },
  'claim.bn-cnn.settings': {
    by: 'quick',
    true: ' [{steps:int} pasos con lotes de {batch:int}, SGD con momento {momentum:3}, {images:int} imágenes de entrenamiento; modo rápido: menos pasos e imágenes que el predeterminado]',
    false:
      ' [{steps:int} pasos con lotes de {batch:int}, SGD con momento {momentum:3}, {images:int} imágenes de entrenamiento]',
  },
  // signal: a claim this run cannot decide has absent = true (its observation says what to add)
  'claim.signal.tag': ' ({act}, {layers:int} capas de anchura {width:int})',
  'claim.signal.default-collapses.claim':
    'La inicialización por defecto de PyTorch sin normalización hace colapsar la señal: la desviación estándar en la capa L queda por debajo del 1 % de la de la entrada{tag}',
  'claim.signal.default-collapses.observed': {
    by: 'absent',
    true: 'no está en esta ejecución (añade pytorch_default a las inicializaciones y none a las normalizaciones)',
    false:
      'desviación estándar en la capa {layers:int} por semilla: {ratio} de la de la entrada{bias} Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en décadas (log10 de 1 % / cociente)',
  },
  'claim.signal.default-collapses.ratio': '{value:3} %',
  'claim.signal.bias': { by: 'bias', true: ' (con sesgos: estos marcan un suelo).', false: '.' },
  'claim.signal.gradients-vanish.claim':
    'Con ella, los gradientes se desvanecen: el gradiente en la entrada queda por debajo del 1 % del gradiente en la capa L{tag}',
  'claim.signal.gradients-vanish.observed':
    '|dL/dx| / |dL/dy_L| por semilla: {gratio}. Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en décadas (log10 de 1 % / cociente)',
  'claim.signal.rms-keeps-std.claim':
    'Con RMSNorm, la desviación estándar se mantiene en [0,5; 2] x la de la entrada en todas las capas, con cualquier inicialización{tag}',
  'claim.signal.rms-keeps-std.observed': {
    by: 'absent',
    true: 'no está en esta ejecución (añade rms a las normalizaciones)',
    false:
      '{variants}: desviación estándar / la de la entrada entre {min:3} y {max:3} en las capas 1-{layers:int} y las semillas. Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en factores de 2 (la peor capa e inicialización de la semilla)',
  },
  'claim.signal.normal-explodes.claim':
    'La inicialización N(0, {sigma:3}^2) sin normalización explota: la desviación estándar en la capa L supera 100 x la de la entrada{tag}',
  'claim.signal.normal-explodes.observed': {
    by: 'absent',
    true: 'no está en esta ejecución (añade normal a las inicializaciones y none a las normalizaciones)',
    false:
      'desviación estándar en la capa {layers:int} por semilla: {ratio} x la de la entrada (no finito: se desbordó, cuenta como explosión). Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en décadas (log10 del cociente / 100)',
  },
  'claim.signal.kaiming-constant.claim':
    'La inicialización de Kaiming sin normalización mantiene la desviación estándar aproximadamente constante: en [0,5; 2] x la de la entrada en todas las capas{tag}',
  'claim.signal.kaiming-constant.observed': {
    by: 'absent',
    true: 'no está en esta ejecución (añade kaiming a las inicializaciones y none a las normalizaciones)',
    false:
      '{variant}: desviación estándar / la de la entrada entre {min:3} y {max:3} en las capas 1-{layers:int} y las semillas. Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en factores de 2 (la peor capa de la semilla)',
  },
  'claim.signal.variance-predicts.claim':
    'La propagación de la varianza predice la desviación estándar medida con un margen de un factor 2 en todas las capas (variantes sin normalización)',
  'claim.signal.variance-predicts.observed': {
    by: 'case',
    tanh: 'tanh usa la aproximación de señal pequeña c = 1, que ignora la saturación: no se comprueba',
    absent: 'no está en esta ejecución (añade none a las normalizaciones)',
    measured:
      'mayor factor medido/predicho por semilla: {worst}{worst_variant} Efecto por semilla: cuánto queda la semilla dentro del criterio (positivo: dentro), en factores de 2 (log2 de 2 / factor)',
  },
  'claim.signal.worst_variant': { by: 'has', true: ' (el peor: {variant}).', false: '.' },
  // bn-eval: `case` says whether the run could decide the claim, and if not, why
  'claim.bn-eval.batch1-constant.claim':
    'Evaluar en modo de entrenamiento con lote 1 da una salida constante (exactamente beta tras cada BN)',
  'claim.bn-eval.batch1-constant.observed': {
    by: 'case',
    measured:
      'max |y - beta| sobre todas las capas BN y entradas = {deviation:3}; dispersión de cada logit sobre las entradas reservadas = {spread:3}',
    'no-batch1': 'no está en esta ejecución (añade 1 a eval_batch_sizes)',
    'no-train': 'ninguna ejecución en modo de entrenamiento llegó al final',
  },
  'claim.bn-eval.eval-same.claim': 'El modo de evaluación da las mismas predicciones con cualquier tamaño de lote',
  'claim.bn-eval.eval-same.observed': {
    by: 'case',
    measured: 'predicciones distintas de las obtenidas con lote {batch:int}: {changed:int}',
    'no-eval': 'ninguna ejecución en modo de evaluación llegó al final',
  },
  'claim.bn-eval.train-degrades.claim':
    'La precisión en modo de entrenamiento empeora con lotes pequeños: es menor con el lote de evaluación más pequeño que con el más grande, por más que el ruido de muestreo del conjunto reservado',
  'claim.bn-eval.train-degrades.observed': {
    by: 'case',
    measured:
      '{runs}. Efecto por semilla: la caída de precisión en puntos; ruido: {noise:3} puntos (2 errores estándar binomiales de la diferencia)',
    absent: 'hace falta una ejecución en modo de entrenamiento terminada y dos tamaños de lote',
  },
  'claim.bn-eval.runs':
    'semilla {seed:int}: {small_acc:3} % con lote {small:int} frente a {large_acc:3} % con lote {large:int}',
  // precision
  'claim.precision.rms-more-stable-fp16.claim': 'RMSNorm es más estable que LayerNorm en fp16',
  'claim.precision.rms-more-stable-fp16.observed':
    'casos en los que el error máximo de una norma es más de un 10 % menor (o solo la otra se desborda): {runs} (calculando internamente en {accumulate}). Efecto por semilla: el recuento de RMSNorm menos el de LayerNorm',
  'claim.precision.rms-more-stable-bf16.claim': 'RMSNorm es más estable que LayerNorm en bf16',
  'claim.precision.rms-more-stable-bf16.observed':
    'casos en los que el error máximo de una norma es más de un 10 % menor (o solo la otra se desborda): {runs} (calculando internamente en {accumulate}). Efecto por semilla: el recuento de RMSNorm menos el de LayerNorm',
  'claim.precision.runs': 'semilla {seed:int}: RMSNorm {rms:int}, LayerNorm {layer:int}, a menos de un 10 % {ties:int}',
  'claim.precision.accumulate': { by: 'mode', fp32: 'fp32', format: 'el propio formato' },
  'claim.precision.fp16-overflows.claim':
    'Las sumas de cuadrados desbordan fp16 (valor máximo 65504) en cuanto las entradas son grandes',
  'claim.precision.fp16-overflows.observed': {
    by: 'over',
    0: 'ningún caso de RMSNorm en fp16 se desbordó con estos desplazamientos y escalas',
    one: '{over:int} de {cases:int} casos de RMSNorm en fp16 se desbordó (desplazamientos de hasta {worst_offset:3})',
    other:
      '{over:int} de {cases:int} casos de RMSNorm en fp16 se desbordaron (desplazamientos de hasta {worst_offset:3})',
  },
  // norm-speed: per-seed savings in %, and how they were timed and what Amdahl's law makes of them
  'claim.norm-speed.rms-faster.claim': 'Los kernels de RMSNorm son más rápidos que los de LayerNorm',
  'claim.norm-speed.rms-faster.observed': 'ahorro {saving}{how}. Efecto por semilla: el ahorro en %',
  'claim.norm-speed.paper-range.claim':
    'El 7-64 % del artículo de RMSNorm (Zhang & Sennrich 2019: pasos de entrenamiento completos de RNN que normalizan cada paso temporal, en frameworks sin kernels fusionados) se cumple para los kernels por sí solos en esta máquina',
  'claim.norm-speed.paper-range.observed':
    'ahorro {saving}{how}. Efecto por semilla: la distancia hacia dentro de [7 %, 64 %] (negativa: fuera)',
  'claim.norm-speed.quoted-30-40.claim':
    'El 30-40 % que tanto se cita (la parte alta del rango del artículo para RNN, no el 7 % de un Transformer) se cumple para los kernels por sí solos',
  'claim.norm-speed.quoted-30-40.observed':
    'ahorro {saving}{how}. Efecto por semilla: la distancia hacia dentro de [30 %, 40 %]',
  'claim.norm-speed.at-scale.claim': 'A gran escala (d grande), el ahorro de los kernels es del 10-15 %',
  'claim.norm-speed.at-scale.observed':
    'ahorro con d = {d:int} por semilla: {saving}. Efecto por semilla: la distancia hacia dentro de [10 %, 15 %]',
  'claim.norm-speed.saving': '{value:3} %',
  'claim.norm-speed.how':
    ' (pasada hacia delante y hacia atrás, media sobre d, por semilla; ruido de los tiempos: {noise:3} puntos, las muescas del 95 % de las medianas, 1,57 IQR / sqrt(repeticiones), combinadas). Aceleración del kernel s = {speedup:3}x (mediana sobre las semillas); la ley de Amdahl la convierte en un ahorro de tiempo por paso f (1 - 1/s) para un paso cuyas normalizaciones ocupan la fracción f: {shares}',
  'claim.norm-speed.shares': 'f {share:int} % -> {saved:3} %',

  // The experiments' text (the core's catalogue: title, question, what to look for, each setting's
  // label and help), by experiment id and field key. English has no such keys: its text is the
  // core's own (wasm/core/experiments); tests/web/experiment-i18n.test.mjs holds this list to the core's.
  'exp.bn-cnn.title': 'BatchNorm y la tasa de aprendizaje',
  'exp.bn-cnn.question':
    '¿Permite BatchNorm que una CNN entrene con tasas de aprendizaje más altas, y hace que la elección de la tasa importe menos?',
  'exp.bn-cnn.look': 'el intervalo de tasas de aprendizaje en el que cada red sigue alcanzando una buena exactitud.',
  'exp.bn-cnn.field.norms.label': 'Normalizaciones',
  'exp.bn-cnn.field.norms.help': 'batch: conv -> BatchNorm -> ReLU; none: conv (con sesgo) -> ReLU',
  'exp.bn-cnn.field.lrs.label': 'Tasas de aprendizaje (SGD)',
  'exp.bn-cnn.field.lrs.help': 'una ejecución por normalización y tasa de aprendizaje',
  'exp.bn-cnn.field.momentum.label': 'Momento',
  'exp.bn-cnn.field.batch.label': 'Tamaño de lote',
  'exp.bn-cnn.field.steps.label': 'Pasos de entrenamiento',
  'exp.bn-cnn.field.steps.help': 'el modo rápido ejecuta 100',
  'exp.bn-cnn.field.eval_every.label': 'Validación cada (pasos)',
  'exp.bn-cnn.field.diverge_factor.label': 'Divergencia: pérdida por encima de este múltiplo de la del primer paso',
  'exp.bn-cnn.field.diverge_factor.help':
    '0 (por defecto): solo cuenta como divergencia una pérdida o un gradiente no finitos; > 0: también una pérdida que se dispara por encima de este múltiplo de la del primer paso (la ejecución se detiene ahí)',
  'exp.bn-cnn.field.channels.label': 'Canales por bloque convolucional',
  'exp.bn-cnn.field.channels.help': 'números enteros; el primer bloque tiene paso (stride) 1, los demás paso 2',
  'exp.bn-cnn.field.image_size.label': 'Tamaño de imagen (píxeles)',
  'exp.bn-cnn.field.colour.label': 'Imágenes en color',
  'exp.bn-cnn.field.colour.help': '3 canales en lugar de 1',
  'exp.bn-cnn.field.noise.label': 'Ruido por píxel',
  'exp.bn-cnn.field.noise.help': 'uniforme en [-noise, noise]',
  'exp.bn-cnn.field.train_images.label': 'Imágenes de entrenamiento',
  'exp.bn-cnn.field.train_images.help': 'modo rápido: 512',
  'exp.bn-cnn.field.val_images.label': 'Imágenes de validación',
  'exp.bn-cnn.field.val_images.help': 'evaluadas en modo de evaluación (estadísticas móviles)',
  'exp.bn-cnn.field.acc_threshold_pct.label': 'Entrena bien: exactitud de validación de al menos (%)',
  'exp.bn-cnn.field.acc_threshold_pct.help':
    "una tasa de aprendizaje 'funciona' si la exactitud de validación final llega a esto (el azar es el 20 %)",
  'exp.bn-eval.title': 'La trampa de entrenamiento/evaluación',
  'exp.bn-eval.question':
    '¿Qué falla cuando una red con BatchNorm se evalúa en modo de entrenamiento, sobre todo con tamaño de lote 1?',
  'exp.bn-eval.look':
    'la diferencia entre evaluar en modo de entrenamiento y en modo de evaluación, y la salida con lote 1 que es igual a β.',
  'exp.bn-eval.field.eval_batch_sizes.label': 'Tamaños de lote de evaluación',
  'exp.bn-eval.field.eval_batch_sizes.help': 'el conjunto reservado se evalúa en lotes consecutivos de cada tamaño',
  'exp.bn-eval.field.layers.label': 'Capas ocultas',
  'exp.bn-eval.field.layers.help': 'cada una Linear -> BatchNorm -> ReLU',
  'exp.bn-eval.field.hidden.label': 'Anchura oculta',
  'exp.bn-eval.field.batch.label': 'Tamaño de lote de entrenamiento',
  'exp.bn-eval.field.steps.label': 'Pasos de entrenamiento',
  'exp.bn-eval.field.lr.label': 'Tasa de aprendizaje (SGD)',
  'exp.bn-eval.field.bn_momentum.label': 'Momento de BatchNorm',
  'exp.bn-eval.field.bn_momentum.help':
    'estadísticas móviles: móvil = (1 - momento) móvil + momento estadística del lote',
  'exp.bn-eval.field.input_dim.label': 'Características de entrada',
  'exp.bn-eval.field.input_dim.help': 'datos de una mezcla de gaussianas: un centro por clase',
  'exp.bn-eval.field.classes.label': 'Clases',
  'exp.bn-eval.field.separation.label': 'Separación entre clases',
  'exp.bn-eval.field.separation.help':
    'distancia típica entre centros de clase por característica (desviación estándar del ruido 1)',
  'exp.bn-eval.field.train_samples.label': 'Ejemplos de entrenamiento',
  'exp.bn-eval.field.test_samples.label': 'Ejemplos reservados',
  'exp.bn-vs-gn.title': 'BatchNorm frente a GroupNorm con lotes pequeños',
  'exp.bn-vs-gn.question': '¿Se degrada BatchNorm cuando el lote es pequeño, mientras que GroupNorm no, y por qué?',
  'exp.bn-vs-gn.look':
    'la exactitud de BatchNorm con sus estadísticas móviles (continua) cayendo con lotes de 2 y 4 mientras la de GroupNorm se mantiene plana, y cuánto de lo perdido recupera BatchNorm preciso (discontinua: estadísticas recalculadas sobre el conjunto de entrenamiento). Con lote 2, una BatchNorm sobre los últimos mapas de 2 x 2 normaliza cada canal sobre 8 números que incluyen la propia imagen, y las imágenes difieren en brillo y contraste: el entrenamiento ve estadísticas ruidosas y autorreferentes que las medias móviles no reproducen. Los lotes tomados al azar mezclan clases; lotes de una sola clase lo empeorarían.',
  'exp.bn-vs-gn.field.norms.label': 'Normalizaciones',
  'exp.bn-vs-gn.field.batch_sizes.label': 'Tamaños de lote',
  'exp.bn-vs-gn.field.batch_sizes.help': 'números enteros; cada uno debe dividir a samples',
  'exp.bn-vs-gn.field.samples.label': 'Ejemplos de entrenamiento por ejecución',
  'exp.bn-vs-gn.field.samples.help':
    'cada ejecución ve este número de imágenes: pasos = samples / tamaño de lote; modo rápido: 1600',
  'exp.bn-vs-gn.field.lr.label': 'Tasa de aprendizaje con lote 32 (SGD)',
  'exp.bn-vs-gn.field.lr.help':
    'escalada linealmente con el lote (Goyal et al. 2017): el lote B entrena con lr x B / 32, así que cada tamaño de lote da el mismo paso total por ejemplo',
  'exp.bn-vs-gn.field.momentum.label': 'Momento',
  'exp.bn-vs-gn.field.groups.label': 'Grupos de GroupNorm',
  'exp.bn-vs-gn.field.groups.help':
    'debe dividir a los canales de cada bloque; por defecto es C/4 (4 canales por grupo) para 16 canales',
  'exp.bn-vs-gn.field.evals.label': 'Puntos de validación por ejecución',
  'exp.bn-vs-gn.field.evals.help':
    'se evalúa cada pasos / evals pasos, así que cada tamaño de lote se evalúa con los mismos números de ejemplos',
  'exp.bn-vs-gn.field.diverge_factor.label': 'Divergencia: pérdida por encima de este múltiplo de la del primer paso',
  'exp.bn-vs-gn.field.diverge_factor.help':
    '0 (por defecto): solo cuenta como divergencia una pérdida o un gradiente no finitos; > 0: también una pérdida que se dispara por encima de este múltiplo de la del primer paso (la ejecución se detiene ahí)',
  'exp.bn-vs-gn.field.channels.label': 'Canales por bloque convolucional',
  'exp.bn-vs-gn.field.channels.help':
    'números enteros; el primer bloque tiene paso (stride) 1, los demás paso 2 (imágenes de 16 x 16: mapas de 16, 8, 4, 2)',
  'exp.bn-vs-gn.field.image_size.label': 'Tamaño de imagen (píxeles)',
  'exp.bn-vs-gn.field.colour.label': 'Imágenes en color',
  'exp.bn-vs-gn.field.colour.help': '3 canales en lugar de 1',
  'exp.bn-vs-gn.field.noise.label': 'Ruido por píxel',
  'exp.bn-vs-gn.field.noise.help': 'uniforme en [-noise, noise]',
  'exp.bn-vs-gn.field.brightness.label': 'Brillo por imagen',
  'exp.bn-vs-gn.field.brightness.help': 'cada imagen recibe un desplazamiento uniforme en [-brightness, brightness]',
  'exp.bn-vs-gn.field.contrast.label': 'Contraste por imagen',
  'exp.bn-vs-gn.field.contrast.help':
    'cada imagen se multiplica por una ganancia uniforme en [1 - contrast, 1 + contrast]',
  'exp.bn-vs-gn.field.train_images.label': 'Imágenes de entrenamiento',
  'exp.bn-vs-gn.field.train_images.help': 'modo rápido: 512',
  'exp.bn-vs-gn.field.val_images.label': 'Imágenes de validación',
  'exp.bn-vs-gn.field.val_images.help':
    'BatchNorm se evalúa de tres formas: estadísticas móviles, BatchNorm preciso y estadísticas de lotes reservados del tamaño de entrenamiento',
  'exp.eps.title': 'Dónde va épsilon',
  'exp.eps.question':
    '¿Qué les pasa a los gradientes de filas casi constantes cuando épsilon está fuera de la raíz cuadrada?',
  'exp.eps.look':
    'el nivel de ruido en el que los gradientes con ε fuera explotan (o se vuelven no finitos con σ = 0) mientras la posición correcta se mantiene acotada.',
  'exp.eps.field.d.label': 'Características por fila d',
  'exp.eps.field.d.help': 'longitud de la fila',
  'exp.eps.field.rows.label': 'Filas por nivel de ruido',
  'exp.eps.field.noise.label': 'Niveles de ruido (desviación estándar de la fila)',
  'exp.eps.field.noise.help': 'cada fila es offset + noise * N(0, 1)',
  'exp.eps.field.offset.label': 'Valor de la fila (la constante)',
  'exp.eps.field.eps.label': 'épsilon',
  'exp.lr-sweep.title': 'Barrido de la tasa de aprendizaje: dónde se rompe cada normalización',
  'exp.lr-sweep.question':
    'En una rejilla de tasas de aprendizaje, ¿a qué tasa deja de entrenar cada variante, y mueven ese punto las normalizaciones, el calentamiento y QK-norm?',
  'exp.lr-sweep.look':
    'la pérdida final frente a la tasa de aprendizaje (eje logarítmico): cada curva tiene forma de U, y el punto en el que sube hasta ln V (la pérdida de una suposición uniforme) es donde esa variante se rompe; la tabla de las mayores tasas de aprendizaje estables, y cuánto crecen los logits de atención sin QK-norm.',
  'exp.lr-sweep.field.variants.label': 'Variantes',
  'exp.lr-sweep.field.variants.help':
    'none: sin normalización; post/layer: Post-LN con LayerNorm; +warmup: con calentamiento lineal; pre/layer, pre/rms: Pre-LN con LayerNorm, RMSNorm; pre/rms+qknorm: Pre-LN con RMSNorm y RMSNorm sobre las consultas y claves de cada cabeza',
  'exp.lr-sweep.field.lrs.label': 'Tasas de aprendizaje (Adam)',
  'exp.lr-sweep.field.lrs.help':
    'una rejilla logarítmica que llega a 1e-1: un modelo de anchura 64 entrena muy por encima de 1e-3 (Wortsman et al. barren de 3e-4 a 3e-1); modo rápido: 1e-3, 1e-2, 1e-1',
  'exp.lr-sweep.field.depths.label': 'Profundidades (bloques)',
  'exp.lr-sweep.field.depths.help':
    'números enteros; cada variante recorre toda la rejilla en cada profundidad. 2 y 4 por defecto: una ejecución de profundidad 8 cuesta el doble que una de profundidad 4, y 4 y 8 llevarían el valor por defecto más allá de su presupuesto de 5 minutos; modo rápido: 2',
  'exp.lr-sweep.field.init.label': 'Inicialización',
  'exp.lr-sweep.field.init.help':
    'xavier: pesos Xavier-normal, embeddings con RMS unitario (lo que analizan Xiong et al. 2020); gpt2: N(0, 0,02²), una inicialización pequeña con la que cada bloque empieza cerca de la identidad, lo que oculta el problema de Post-LN',
  'exp.lr-sweep.field.warmup_steps.label': 'Pasos de calentamiento (lineal, variantes +warmup)',
  'exp.lr-sweep.field.d_model.label': 'Anchura d_model',
  'exp.lr-sweep.field.d_model.help': 'el modo rápido usa 32',
  'exp.lr-sweep.field.n_heads.label': 'Cabezas de atención',
  'exp.lr-sweep.field.n_heads.help': 'debe dividir a d_model',
  'exp.lr-sweep.field.context.label': 'Contexto (caracteres)',
  'exp.lr-sweep.field.context.help': 'el modo rápido usa 16',
  'exp.lr-sweep.field.batch.label': 'Tamaño de lote',
  'exp.lr-sweep.field.steps.label': 'Pasos de entrenamiento por ejecución',
  'exp.lr-sweep.field.steps.help': 'el modo rápido ejecuta 60',
  'exp.lr-sweep.field.patience.label': 'Parada temprana: pasos por encima de ln V',
  'exp.lr-sweep.field.patience.help':
    'una ejecución se detiene (con puntuación ln V) cuando su pérdida es no finita o está por encima de ln V durante este número de pasos seguidos',
  'exp.lr-sweep.field.final_window.label': 'Pérdida final: media de los últimos (pasos)',
  'exp.lr-sweep.field.final_window.help': 'recortada en ln V',
  'exp.norm-ablation.title': 'Sin normalización frente a LayerNorm frente a RMSNorm',
  'exp.norm-ablation.question':
    'En un MLP de 12 capas, ¿entrenan igual de bien LayerNorm y RMSNorm, y cuánto tiempo ahorra RMSNorm?',
  'exp.norm-ablation.look':
    'si entrenan las tres, la diferencia de pérdida final entre LayerNorm y RMSNorm, y las barras de tiempo por paso. El kernel de RMSNorm es más rápido que el de LayerNorm, pero un paso de entrenamiento es sobre todo productos de matrices: por la ley de Amdahl, un paso cuyas normalizaciones ocupan la fracción f gana 1 - (1 - f + f/s) con un kernel s veces más rápido, y el resumen pone esa predicción (con f y s medidos aquí: los kernels de normalización cronometrados solos con esta forma, intercalados) junto al ahorro medido. Con anchura 256 las normalizaciones son una parte pequeña del paso, y el ahorro también. Estrecha la red para que pese más la normalización (una normalización cuesta ~d por fila, un producto de matrices ~d^2): con hidden 16, f es varias veces mayor y el ahorro asoma por encima del ruido de la medida, pero los productos de matrices, las activaciones y el optimizador siguen ocupando la mayor parte del paso (en nativo f se quedó por debajo de un tercio con todas las anchuras de 8 a 256; el README recoge las medidas), así que el ahorro de extremo a extremo queda muy por debajo de la aceleración del kernel. El 7-64 % del artículo de RMSNorm (y el 30-40 % que se suele citar) son pasos completos de RNN que normalizan cada instante en frameworks sin fusión (Zhang y Sennrich, 2019); su Transformer ganó un 7 %.',
  'exp.norm-ablation.field.norms.label': 'Normalizaciones',
  'exp.norm-ablation.field.norms.help':
    'cada capa oculta es Linear -> normalización -> ReLU (inicialización de Kaiming)',
  'exp.norm-ablation.field.layers.label': 'Capas ocultas',
  'exp.norm-ablation.field.hidden.label': 'Anchura oculta',
  'exp.norm-ablation.field.hidden.help':
    'con peso en la normalización: 16 hace que las normalizaciones ocupen una fracción f del paso mucho mayor (su coste crece como d, el de un producto de matrices como d^2); el resumen informa de la f medida en tu ejecución',
  'exp.norm-ablation.field.batch.label': 'Tamaño de lote',
  'exp.norm-ablation.field.steps.label': 'Pasos',
  'exp.norm-ablation.field.steps.help': 'los mismos para todas las variantes',
  'exp.norm-ablation.field.lr.label': 'Tasa de aprendizaje (SGD)',
  'exp.norm-ablation.field.momentum.label': 'Momento de SGD',
  'exp.norm-ablation.field.input_dim.label': 'Características de entrada',
  'exp.norm-ablation.field.input_dim.help':
    'datos de un maestro sintético: x ~ N(0, I), etiquetas de una red tanh aleatoria',
  'exp.norm-ablation.field.classes.label': 'Clases',
  'exp.norm-ablation.field.train_samples.label': 'Ejemplos de entrenamiento',
  'exp.norm-ablation.field.val_samples.label': 'Ejemplos reservados',
  'exp.norm-ablation.field.eval_every.label': 'Pérdida en reservados cada (pasos)',
  'exp.norm-compare.title': 'Normalizaciones en un transformer de caracteres',
  'exp.norm-compare.question':
    '¿Entrena un transformer de caracteres pequeño sin normalización, y difieren Post-LN, Pre-LN y RMSNorm en estabilidad y pérdida?',
  'exp.norm-compare.look':
    'si alguna curva se queda plana o se convierte en NaN, lo pronto que oscila Post-LN y lo cerca que acaban las curvas de LayerNorm y RMSNorm. Los valores por defecto (inicialización de Xavier, tasa de aprendizaje 3e-2) sitúan la ejecución donde las variantes difieren: con la pequeña inicialización 0,02 de GPT-2 cada rama residual solo añade ~1e-3 de la varianza del flujo, así que cada bloque empieza cerca de la identidad, y con 1e-3 un modelo de anchura 64 entrena tan despacio que todas las variantes sobreviven; la página de lr-sweep muestra dónde se rompe cada una.',
  'exp.norm-compare.field.variants.label': 'Variantes',
  'exp.norm-compare.field.variants.help':
    'none: sin normalización; post/layer: Post-LN con LayerNorm; pre/layer, pre/rms, pre/dyt: Pre-LN con LayerNorm, RMSNorm, DyT (alfa 0,5); el modo rápido deja fuera DyT',
  'exp.norm-compare.field.lrs.label': 'Tasas de aprendizaje (Adam)',
  'exp.norm-compare.field.lrs.help':
    'cada variante entrena con cada una de ellas; sin calentamiento, sin recorte. 3e-2 por defecto, de un lr-sweep piloto: cerca de la tasa a la que se rompe el modelo sin normalización, por debajo de donde se rompe Pre-LN; pon 1e-3 e inicialización gpt2 para ver el panorama anterior, en el que todas las variantes entrenan igual',
  'exp.norm-compare.field.d_model.label': 'Anchura d_model',
  'exp.norm-compare.field.d_model.help':
    '64 por defecto, la anchura a la que lr-sweep encontró las tasas (sin normalización se rompe entre 1e-2 y 3e-2, Pre-LN aguanta a 3e-2); un modelo más ancho cuesta más por paso (sus productos de matrices crecen con d²) y puede romperse a otras tasas',
  'exp.norm-compare.field.n_layers.label': 'Bloques',
  'exp.norm-compare.field.init.label': 'Inicialización',
  'exp.norm-compare.field.init.help':
    'xavier (por defecto): pesos Xavier-normal y embeddings con RMS unitario. gpt2: N(0, 0,02²), con la que cada bloque empieza cerca de la identidad; con gpt2 y lr 1e-3 (los valores por defecto anteriores) ninguna variante diverge y las normalizaciones apenas difieren',
  'exp.norm-compare.field.n_heads.label': 'Cabezas de atención',
  'exp.norm-compare.field.n_heads.help': 'debe dividir a d_model',
  'exp.norm-compare.field.context.label': 'Contexto (caracteres)',
  'exp.norm-compare.field.batch.label': 'Tamaño de lote',
  'exp.norm-compare.field.steps.label': 'Pasos de entrenamiento',
  'exp.norm-compare.field.steps.help':
    '400 por defecto: para entonces las ejecuciones que fallan ya han fallado (a la tasa por defecto, el modelo sin normalización diverge en sus primeros pasos y Post-LN se estanca cerca de la pérdida de unigramas) y las que entrenan han dejado atrás su tramo más empinado; el modo rápido ejecuta 80',
  'exp.norm-compare.field.eval_every.label': 'Validación cada (pasos)',
  'exp.norm-compare.field.val_batches.label': 'Lotes de validación',
  'exp.norm-compare.field.val_batches.help': 'lotes fijos tomados del último 10 % del texto',
  'exp.norm-compare.field.diverge_factor.label':
    'Divergencia: pérdida por encima de este múltiplo de la del primer paso',
  'exp.norm-compare.field.diverge_factor.help':
    'una ejecución también cuenta como divergente (y se detiene) cuando su pérdida se dispara por encima de este múltiplo de su primera pérdida; 0: solo cuenta una pérdida o un gradiente no finitos',
  'exp.norm-compare.field.early_pct.label': 'Fase inicial (% de los pasos)',
  'exp.norm-compare.field.early_pct.help':
    'la inestabilidad temprana de Post-LN se mide sobre esta primera parte de la ejecución',
  'exp.norm-compare.field.spike_window.label': 'Pico: ventana de la mediana móvil (pasos)',
  'exp.norm-compare.field.spike_pct.label': 'Pico: pérdida por encima de la mediana móvil en más de (%)',
  'exp.norm-compare.field.negligible_nats.label': 'Nivel de ruido de una diferencia de pérdida de validación (nats)',
  'exp.norm-compare.field.negligible_nats.help':
    'una bajada de pérdida por semilla a menos de esto de cero no decide nada (unas dos veces el error estándar de una media de validación sobre 4 lotes)',
  'exp.norm-compare.field.same_loss_pct.label': 'Misma pérdida: pérdidas de validación finales dentro del (%)',
  'exp.norm-compare.field.same_loss_pct.help': "el criterio de 'RMSNorm alcanza la misma pérdida que LayerNorm'",
  'exp.norm-speed.title': '¿Qué velocidad tienen las normalizaciones?',
  'exp.norm-speed.question':
    '¿Cuánto tardan las normalizaciones en esta máquina, y cuánto ahorra RMSNorm frente a LayerNorm?',
  'exp.norm-speed.look':
    'los GB/s de cada normalización frente al ancho de banda de memoria de tu máquina, y el ahorro de RMSNorm frente a LayerNorm para cada d. El ahorro del kernel no es el ahorro del entrenamiento: por la ley de Amdahl, un paso cuyas normalizaciones ocupan una fracción f solo gana f (1 - 1/s) con un kernel s veces más rápido. El 7-64 % del artículo de RMSNorm (y el 30-40 % que se cita a menudo) son ahorros de pasos completos de RNN que normalizan cada instante en frameworks sin kernels fusionados, donde f es grande; su Transformer ganó un 7 %. El resumen muestra la aceleración s que mide esta máquina y lo que da con f = 10, 30 y 50 %. El tamaño por defecto, 65.536 valores (1.024 tokens de anchura 64, una activación de los transformers de este curso), cabe en la caché de la CPU, como las activaciones de un paso de entrenamiento, así que decide la aritmética de los kernels; el ajuste predefinido «fuera de caché» mide en cambio el régimen limitado por la memoria.',
  'exp.norm-speed.field.ds.label': 'Longitudes de fila d',
  'exp.norm-speed.field.ds.help': 'cada una se cronometra con el mismo número de elementos',
  'exp.norm-speed.field.elements.label': 'Elementos por tensor',
  'exp.norm-speed.field.elements.help':
    'filas = elementos / d. 65.536 por defecto (256 KB por tensor: en la caché, como las activaciones de un modelo pequeño); 4.194.304 (16 MB) mide en cambio el ancho de banda de memoria',
  'exp.norm-speed.field.repeats.label': 'Repeticiones cronometradas (mediana)',
  'exp.norm-speed.field.kinds.label': 'Normalizaciones',
  'exp.pre-post.title': 'Pre-LN frente a Post-LN según la profundidad',
  'exp.pre-post.question':
    '¿Necesita Post-LN calentamiento (warm-up) de la tasa de aprendizaje, y más cuanto más profundo es el modelo, mientras que Pre-LN no?',
  'exp.pre-post.look':
    'el gradiente esperado de la segunda matriz de la FFN de cada bloque en la inicialización (el de Post-LN crece hacia la salida, el de Pre-LN no), y la diferencia entre con y sin calentamiento para Post-LN a medida que crece la profundidad. Por defecto se usa la inicialización de Xavier que analizan Xiong et al.: con la pequeña inicialización 0,02 de GPT-2 cada rama residual solo añade ~1e-3 de la varianza del flujo, así que cada bloque empieza cerca de la identidad y el problema de Post-LN queda oculto. La tasa de aprendizaje 1e-2 se eligió con los valores por defecto de lr-sweep (anchura 64, 150 pasos, 3 semillas): con profundidad 4 es donde Post-LN sin calentamiento se estanca en la pérdida de unigramas en dos semillas de tres, mientras que Post-LN con calentamiento y Pre-LN entrenan en las tres; con 3e-2 Post-LN falla también con calentamiento, y con 3e-3 entrenan todas las variantes. Con profundidad 8, 1e-2 supera el límite de Post-LN incluso con calentamiento (las afirmaciones se enuncian por profundidad, así que se ve); el ajuste predefinido «profundidad 8, más suave» (3e-3) muestra ahí la lección. Ejecuta lr-sweep con tus ajustes para ver dónde está la frontera para ellos.',
  'exp.pre-post.field.depths.label': 'Profundidades (bloques)',
  'exp.pre-post.field.depths.help':
    'números enteros; cada profundidad ejecuta Pre-LN y Post-LN con y sin calentamiento; modo rápido: 2 y 4',
  'exp.pre-post.field.init.label': 'Inicialización',
  'exp.pre-post.field.init.help':
    'xavier (por defecto): pesos Xavier-normal y embeddings con RMS unitario, el caso que analizan Xiong et al. (2020). gpt2: N(0, 0,02²); cada rama residual añade entonces solo ~1e-3 de la varianza del flujo, así que cada bloque empieza cerca de la identidad y el perfil de gradientes de Post-LN y su necesidad de calentamiento casi desaparecen',
  'exp.pre-post.field.grad_batches.label': 'Gradiente esperado: lotes promediados',
  'exp.pre-post.field.grad_batches.help':
    'el gradiente de la segunda matriz de la FFN de cada bloque en la inicialización se promedia sobre este número de lotes antes de tomar su norma (el gradiente esperado de Xiong et al.); al lado se muestra la norma media por lote',
  'exp.pre-post.field.placements.label': 'Posiciones',
  'exp.pre-post.field.placements.help':
    'LayerNorm antes de la subcapa (Pre-LN) o después de la suma residual (Post-LN)',
  'exp.pre-post.field.lr.label': 'Tasa de aprendizaje (Adam)',
  'exp.pre-post.field.lr.help':
    'la misma en todas las ejecuciones. 1e-2 por defecto, elegida con lr-sweep como una tasa más allá del punto de ruptura de Post-LN sin calentamiento; con 1e-3 (el valor por defecto anterior) todas las variantes entrenan y el calentamiento no cambia nada',
  'exp.pre-post.field.warmup_steps.label': 'Pasos de calentamiento (lineal)',
  'exp.pre-post.field.warmup_steps.help':
    'las ejecuciones con calentamiento suben la tasa de aprendizaje de lr/warmup a lr a lo largo de estos pasos',
  'exp.pre-post.field.d_model.label': 'Anchura d_model',
  'exp.pre-post.field.d_model.help':
    'pequeña para que las ejecuciones de profundidad 8 quepan en el presupuesto del navegador; el modo rápido usa 32',
  'exp.pre-post.field.n_heads.label': 'Cabezas de atención',
  'exp.pre-post.field.n_heads.help': 'debe dividir a d_model',
  'exp.pre-post.field.context.label': 'Contexto (caracteres)',
  'exp.pre-post.field.context.help':
    '32 mantiene las 8 ejecuciones (profundidades 4 y 8, cada posición con y sin calentamiento) dentro del presupuesto de 5 minutos del navegador con 2 núcleos; el modo rápido usa 16',
  'exp.pre-post.field.batch.label': 'Tamaño de lote',
  'exp.pre-post.field.steps.label': 'Pasos de entrenamiento',
  'exp.pre-post.field.steps.help': 'el modo rápido ejecuta 60',
  'exp.pre-post.field.eval_every.label': 'Validación cada (pasos)',
  'exp.pre-post.field.val_batches.label': 'Lotes de validación',
  'exp.pre-post.field.diverge_factor.label': 'Divergencia: pérdida por encima de este múltiplo de la del primer paso',
  'exp.pre-post.field.diverge_factor.help':
    'una ejecución también cuenta como divergente (y se detiene) cuando su pérdida se dispara por encima de este múltiplo de su primera pérdida; 0: solo cuenta una pérdida o un gradiente no finitos',
  'exp.pre-post.field.negligible_nats.label': 'Nivel de ruido de una diferencia de pérdida de validación (nats)',
  'exp.pre-post.field.negligible_nats.help':
    'una diferencia por semilla de pérdidas de validación a menos de esto de cero no decide nada (unas dos veces el error estándar de una media de validación sobre 4 lotes de 16 x 32 caracteres)',
  'exp.precision.title': 'Media precisión',
  'exp.precision.question': '¿Qué exactitud tienen LayerNorm y RMSNorm en fp16 y bf16, y cuándo se desbordan?',
  'exp.precision.look':
    'qué casos se desbordan en fp16, cómo se nota como error la mantisa gruesa de bf16, y si RMSNorm o LayerNorm es más exacta.',
  'exp.precision.field.d.label': 'Características por fila d',
  'exp.precision.field.rows.label': 'Filas por caso',
  'exp.precision.field.offsets.label': 'Desplazamientos de la entrada (media de la fila)',
  'exp.precision.field.scales.label': 'Escalas de la entrada (desviación estándar de la fila)',
  'exp.precision.field.accumulate.label': 'Cálculo interno en',
  'exp.precision.field.accumulate.help':
    'fp32 con entradas y salidas en media precisión (lo que hacen los frameworks de precisión mixta), o cada operación en el formato de media precisión',
  'exp.precision.field.eps_layer.label': 'épsilon de LayerNorm',
  'exp.precision.field.eps_rms.label': 'épsilon de RMSNorm',
  'exp.signal.title': 'La señal a través de la profundidad',
  'exp.signal.question':
    '¿Qué les pasa a la escala de las activaciones y a la de los gradientes a lo largo de una pila profunda, con y sin normalización?',
  'exp.signal.look':
    'cómo cambia la desviación estándar de las activaciones de capa en capa (línea continua) frente a lo que predice la propagación de la varianza (discontinua): sin normalización se encoge o explota con la profundidad; con ella se mantiene.',
  'exp.signal.field.layers.label': 'Capas L',
  'exp.signal.field.layers.help': 'capas Linear(D -> D) de la pila',
  'exp.signal.field.width.label': 'Anchura D',
  'exp.signal.field.width.help': 'características por capa',
  'exp.signal.field.batch.label': 'Tamaño de lote',
  'exp.signal.field.batch.help': 'filas de entrada N(0, 1)',
  'exp.signal.field.activation.label': 'Activación',
  'exp.signal.field.inits.label': 'Inicializaciones',
  'exp.signal.field.inits.help':
    'pytorch_default U(±1/√D); kaiming N(0, 2/D); xavier N(0, 1/D) para una capa cuadrada; normal N(0, σ²)',
  'exp.signal.field.norms.label': 'Normalizaciones',
  'exp.signal.field.placement.label': 'Posición de la normalización',
  'exp.signal.field.placement.help':
    'after: Linear -> activación -> normalización; before: Linear -> normalización -> activación',
  'exp.signal.field.sigma.label': 'σ de la inicialización normal',
  'exp.signal.field.sigma.help': 'pesos ~ N(0, σ²)',
  'exp.signal.field.bias.label': 'Sesgos',
  'exp.signal.field.bias.help':
    'sesgos por defecto de PyTorch U(±1/√D) (con las demás inicializaciones, sesgos nulos); ponen un suelo al colapso',
  // chart titles and axis labels, by experiment, chart and part (the English is chart-specs.js's)
  'spec.eps.gradients.title': 'Mayor |∂L/∂x| de una fila, según el nivel de ruido de la fila',
  'spec.eps.gradients.x': 'ruido σ de la fila',
  'spec.eps.gradients.y': 'máx |∂L/∂x|',
  'spec.precision.error.title':
    'Mayor error de la salida frente a una referencia en doble precisión, por caso de entrada',
  'spec.precision.error.x': 'desplazamiento μ y escala σ de la entrada',
  'spec.precision.error.y': 'máx |y − y_ref|',
  'spec.norm-speed.fwd.title': 'Pasada hacia delante: ancho de banda efectivo según la longitud de la fila',
  'spec.norm-speed.fwd.x': 'longitud de la fila d',
  'spec.norm-speed.fwd.y': 'GB/s',
  'spec.norm-speed.fwdbwd.title':
    'Pasadas hacia delante y hacia atrás: ancho de banda efectivo según la longitud de la fila',
  'spec.norm-speed.fwdbwd.x': 'longitud de la fila d',
  'spec.norm-speed.fwdbwd.y': 'GB/s',
  'spec.norm-compare.loss.title': 'Pérdida de entrenamiento por paso',
  'spec.norm-compare.loss.x': 'paso',
  'spec.norm-compare.loss.y': 'pérdida de entrenamiento',
  'spec.norm-compare.val.title': 'Pérdida de validación',
  'spec.norm-compare.val.x': 'paso',
  'spec.norm-compare.val.y': 'pérdida de validación',
  'spec.norm-compare.grad.title': 'Norma del gradiente (sin recorte)',
  'spec.norm-compare.grad.x': 'paso',
  'spec.norm-compare.grad.y': '‖∂L/∂θ‖',
  'spec.norm-compare.by-lr.title': 'Pérdida de validación final según la tasa de aprendizaje',
  'spec.norm-compare.by-lr.x': 'tasa de aprendizaje',
  'spec.norm-compare.by-lr.y': 'pérdida de validación final',
  'spec.pre-post.loss.title': 'Pérdida de entrenamiento por paso',
  'spec.pre-post.loss.x': 'paso',
  'spec.pre-post.loss.y': 'pérdida de entrenamiento',
  'spec.pre-post.init-grad.title': 'Norma del gradiente por capa en la inicialización (paso 0)',
  'spec.pre-post.init-grad.x': 'capa (0 = embedding, luego los bloques, la última = cabeza de salida)',
  'spec.pre-post.init-grad.y': '‖∂L/∂θ_capa‖',
  'spec.pre-post.expected-grad.title':
    'Gradiente esperado de Xiong et al. en la inicialización: ‖media sobre los lotes de ∂L/∂W_fc2‖ por bloque (continua), norma media por lote (discontinua)',
  'spec.pre-post.expected-grad.x': 'bloque (1 = el más cercano a la entrada)',
  'spec.pre-post.expected-grad.y': '‖∂L/∂W_fc2‖_F',
  'spec.pre-post.expected-grad.overlay': 'norma por lote',
  'spec.pre-post.by-depth.title': 'Pérdida de validación final según la profundidad',
  'spec.pre-post.by-depth.x': 'bloques',
  'spec.pre-post.by-depth.y': 'pérdida de validación final',
  'spec.lr-sweep.by-lr.title':
    'Pérdida final según la tasa de aprendizaje (media de los últimos pasos, recortada en ln V; una ejecución detenida puntúa ln V)',
  'spec.lr-sweep.by-lr.x': 'tasa de aprendizaje (escala logarítmica)',
  'spec.lr-sweep.by-lr.y': 'pérdida de entrenamiento final',
  'spec.lr-sweep.attn-logit.title': 'Mayor logit de atención de cada ejecución, según la tasa de aprendizaje',
  'spec.lr-sweep.attn-logit.x': 'tasa de aprendizaje (escala logarítmica)',
  'spec.lr-sweep.attn-logit.y': 'máx q·k / √d_head',
  'spec.lr-sweep.logit-rms.title':
    'RMS de los logits de salida al final de cada ejecución, según la tasa de aprendizaje',
  'spec.lr-sweep.logit-rms.x': 'tasa de aprendizaje (escala logarítmica)',
  'spec.lr-sweep.logit-rms.y': 'RMS de los logits de salida',
  'spec.bn-cnn.val-acc.title': 'Precisión de validación (modo de evaluación)',
  'spec.bn-cnn.val-acc.x': 'paso',
  'spec.bn-cnn.val-acc.y': 'precisión de validación',
  'spec.bn-cnn.by-lr.title': 'Precisión de validación final según la tasa de aprendizaje',
  'spec.bn-cnn.by-lr.x': 'tasa de aprendizaje',
  'spec.bn-cnn.by-lr.y': 'precisión de validación final',
  'spec.bn-cnn.loss.title': 'Pérdida de entrenamiento por paso',
  'spec.bn-cnn.loss.x': 'paso',
  'spec.bn-cnn.loss.y': 'pérdida de entrenamiento',
  'spec.bn-vs-gn.by-batch.title':
    'Precisión de validación final según el tamaño de lote: modo de evaluación con estadísticas móviles (continua), BatchNorm preciso (discontinua)',
  'spec.bn-vs-gn.by-batch.x': 'tamaño de lote',
  'spec.bn-vs-gn.by-batch.y': 'precisión de validación final',
  'spec.bn-vs-gn.by-batch.overlay': 'BN preciso',
  'spec.bn-vs-gn.batch-stats.title':
    'BatchNorm evaluado con las estadísticas de lotes reservados del tamaño de lote de entrenamiento',
  'spec.bn-vs-gn.batch-stats.x': 'tamaño de lote',
  'spec.bn-vs-gn.batch-stats.y': 'precisión de validación final',
  'spec.bn-vs-gn.val-acc.title': 'Precisión de validación según las muestras vistas',
  'spec.bn-vs-gn.val-acc.x': 'muestras de entrenamiento',
  'spec.bn-vs-gn.val-acc.y': 'precisión de validación',
  'spec.signal.std.title':
    'Desviación estándar de la activación por capa (capa 0 = la entrada N(0, 1)): medida (continua) y predicha por la propagación de la varianza (discontinua)',
  'spec.signal.std.x': 'capa',
  'spec.signal.std.y': 'desviación estándar de la salida de la capa',
  'spec.signal.std.overlay': 'desviación estándar predicha',
  'spec.signal.grad.title':
    'Norma del gradiente ‖∂L/∂y_l‖ por capa, L = media sobre el lote de y_L · g (g fija, aleatoria)',
  'spec.signal.grad.x': 'capa',
  'spec.signal.grad.y': '‖∂L/∂y_l‖',
  'spec.norm-ablation.loss.title': 'Pérdida de entrenamiento por paso',
  'spec.norm-ablation.loss.x': 'paso',
  'spec.norm-ablation.loss.y': 'pérdida de entrenamiento',
  'spec.norm-ablation.val.title': 'Pérdida en datos reservados',
  'spec.norm-ablation.val.x': 'paso',
  'spec.norm-ablation.val.y': 'pérdida en datos reservados',
  'spec.norm-ablation.timing.title':
    'Mediana del tiempo de reloj de un paso de entrenamiento (las barras que compara el resumen)',
  'spec.norm-ablation.timing.x': 'variante',
  'spec.norm-ablation.timing.y': 'mediana de ms por paso',
  'spec.norm-ablation.step-times.title': 'Tiempo de reloj de cada paso de entrenamiento',
  'spec.norm-ablation.step-times.x': 'paso',
  'spec.norm-ablation.step-times.y': 'ms por paso',
  'spec.bn-eval.accuracy.title': 'Precisión en datos reservados según el tamaño del lote de evaluación',
  'spec.bn-eval.accuracy.x': 'tamaño del lote de evaluación',
  'spec.bn-eval.accuracy.y': 'precisión',
  'spec.bn-eval.spread.title':
    'Dispersión de los logits sobre las entradas reservadas (0: la misma salida para todas las entradas)',
  'spec.bn-eval.spread.x': 'tamaño del lote de evaluación',
  'spec.bn-eval.spread.y': 'máx sobre las clases de (máx − mín) logit',
  'spec.bn-eval.loss.title': 'Pérdida de entrenamiento (las dos variantes entrenan el mismo modelo)',
  'spec.bn-eval.loss.x': 'paso',
  'spec.bn-eval.loss.y': 'pérdida de entrenamiento',
  'spec.default.loss.title': 'Pérdida de entrenamiento',
  'spec.default.loss.x': 'paso',
  'spec.default.loss.y': 'pérdida',
  // presets: each one's name (shown on its button; the English name stays its id) and why
  'exp.eps.preset.constant rows.name': 'filas constantes',
  'exp.eps.preset.constant rows.why':
    'Filas sin ninguna varianza: solo ε mantiene finita la división por la desviación estándar.',
  'exp.eps.preset.a larger ε.name': 'un ε mayor',
  'exp.eps.preset.a larger ε.why':
    'Mil veces el ε por defecto: los gradientes de las filas casi constantes quedan acotados por un número menor.',
  'exp.eps.preset.far from zero.name': 'lejos de cero',
  'exp.eps.preset.far from zero.why': 'Filas en torno a 1000: ¿sigue viendo float32 los niveles de ruido más pequeños?',
  'exp.norm-compare.preset.see it break.name': 'verlo romperse',
  'exp.norm-compare.preset.see it break.why':
    'Sin normalización frente a Pre-LN a 1e-1, por encima de la tasa a la que el modelo sin normalización deja de entrenar: en una ejecución rápida aquí divergió en su primer paso mientras Pre-LN entrenaba.',
  'exp.norm-compare.preset.the fix.name': 'la solución',
  'exp.norm-compare.preset.the fix.why':
    'La misma tasa 1e-1 con una normalización en cada bloque (Post-LN, LayerNorm Pre-LN, RMSNorm Pre-LN), donde el modelo sin normalización se rompió: en el lr-sweep (profundidad 2, anchura 64, 3 semillas) las dos normalizaciones Pre-LN entrenaron a esta tasa y Post-LN se estancó cerca de la pérdida de unigramas, así que dónde va la normalización importa tanto como tenerla.',
  "exp.norm-compare.preset.the seed's setting.name": 'el ajuste de partida',
  "exp.norm-compare.preset.the seed's setting.why":
    'El primer ajuste del curso, la inicialización 0,02 de GPT-2 con tasa 1e-3: cada bloque empieza cerca de la identidad; en una ejecución rápida aquí nada divergió y las tres normalizaciones acabaron a menos de 0,01 nats unas de otras.',
  'exp.norm-compare.preset.LayerNorm or RMSNorm.name': 'LayerNorm o RMSNorm',
  'exp.norm-compare.preset.LayerNorm or RMSNorm.why':
    'Solo las dos normalizaciones Pre-LN a la tasa por defecto, para ver si la diferencia entre sus pérdidas finales supera la dispersión entre semillas.',
  'exp.lr-sweep.preset.norms only.name': 'solo normalizaciones',
  'exp.lr-sweep.preset.norms only.why':
    'Sin normalización frente a LayerNorm y RMSNorm de Pre-LN: cuál ve subir antes su pérdida final hasta ln V a medida que crece la tasa.',
  'exp.lr-sweep.preset.Post-LN and warm-up.name': 'Post-LN y calentamiento',
  'exp.lr-sweep.preset.Post-LN and warm-up.why':
    'Post-LN con y sin calentamiento junto a Pre-LN: ¿lleva el calentamiento el punto de ruptura de Post-LN a tasas más altas?',
  'exp.lr-sweep.preset.QK-norm.name': 'con y sin QK-norm',
  'exp.lr-sweep.preset.QK-norm.why':
    'RMSNorm Pre-LN con y sin QK-norm: mira cuánto crecen los logits de atención sin ella y si acotarlos permite entrenar a tasas más altas.',
  'exp.lr-sweep.preset.deeper: 4 and 8.name': 'más profundo: 4 y 8',
  'exp.lr-sweep.preset.deeper: 4 and 8.why':
    'Profundidades 4 y 8 en lugar de 2 y 4, alrededor del doble del tiempo por defecto: en un piloto nativo con una semilla, Post-LN con profundidad 8 se estancó en la pérdida de unigramas desde 3e-3, con y sin calentamiento, mientras Pre-LN entrenó hasta 3e-2.',
  "exp.lr-sweep.preset.the seed's setting.name": 'el ajuste de partida',
  "exp.lr-sweep.preset.the seed's setting.why":
    'La inicialización 0,02 de GPT-2 en lugar de la de Xavier: cada bloque empieza cerca de la identidad; mira adónde se mueven los puntos de ruptura.',
  'exp.pre-post.preset.Post-LN alone.name': 'solo Post-LN',
  'exp.pre-post.preset.Post-LN alone.why':
    'Solo Post-LN, con y sin calentamiento, a la tasa por defecto 1e-2: el lr-sweep vio a Post-LN sin calentamiento estancarse ahí en la pérdida de unigramas en dos de tres semillas con profundidad 4, y entrenar con calentamiento.',
  'exp.pre-post.preset.too fast even with warm-up.name': 'demasiado rápido incluso con calentamiento',
  'exp.pre-post.preset.too fast even with warm-up.why':
    'Las dos posiciones a 3e-2: en el lr-sweep (profundidad 4) Post-LN se estancó ahí con y sin calentamiento en dos de tres semillas mientras Pre-LN entrenaba, así que el calentamiento amplía el rango de tasas de Post-LN pero no elimina su límite.',
  "exp.pre-post.preset.the seed's setting.name": 'el ajuste de partida',
  "exp.pre-post.preset.the seed's setting.why":
    'El primer ajuste del curso, la inicialización 0,02 de GPT-2 con tasa 1e-3: cada bloque empieza cerca de la identidad; mira si el calentamiento sigue importando en alguna de las dos posiciones.',
  'exp.pre-post.preset.shallow against deep.name': 'poco profundo frente a profundo',
  'exp.pre-post.preset.shallow against deep.why':
    'Una pila de 2 bloques y otra de 8, una junto a otra: la necesidad de calentamiento de Post-LN debería crecer con la profundidad.',
  'exp.pre-post.preset.depth 8, gentler.name': 'profundidad 8, más suave',
  'exp.pre-post.preset.depth 8, gentler.why':
    'Solo profundidad 8 a 3e-3: con el 1e-2 por defecto, un Post-LN de 8 bloques falla incluso con calentamiento, así que ahí la lección necesita una tasa menor. Con 3 semillas en nativo, Post-LN sin calentamiento se estancó en la pérdida de unigramas (3,33-3,39) en todas las semillas, con el calentamiento por defecto de 100 pasos entrenó (2,29-2,35), y Pre-LN entrenó de ambas formas (2,19-2,25).',
  'exp.bn-vs-gn.preset.batch 2 against 32.name': 'lote 2 frente a 32',
  'exp.bn-vs-gn.preset.batch 2 against 32.why':
    'Solo los extremos: las estadísticas de BatchNorm a partir de 2 imágenes frente a 32, junto a las de GroupNorm, que son de cada imagen.',
  'exp.bn-vs-gn.preset.identical lighting.name': 'misma iluminación',
  'exp.bn-vs-gn.preset.identical lighting.why':
    'Sin cambios de brillo ni de contraste por imagen: las estadísticas de las imágenes difieren menos, así que mira si se reduce lo que BatchNorm pierde con lotes pequeños.',
  'exp.bn-vs-gn.preset.large batches only.name': 'solo lotes grandes',
  'exp.bn-vs-gn.preset.large batches only.why':
    'Lotes de 8 y de 32, donde las dos normalizaciones deberían quedar cerca: el control del resultado con lotes pequeños.',
  'exp.norm-ablation.preset.norm-heavy.name': 'mucha normalización',
  'exp.norm-ablation.preset.norm-heavy.why':
    'Una red estrecha (anchura 16): las normalizaciones ocupan una parte mayor de cada paso, así que el kernel más rápido de RMSNorm se nota en el tiempo por paso por encima del ruido de medida, aunque muy por debajo de la aceleración del propio kernel.',
  'exp.norm-ablation.preset.deeper.name': 'más profunda',
  'exp.norm-ablation.preset.deeper.why':
    '24 capas en lugar de 12: la red sin normalización tiene más capas en las que perder su señal.',
  'exp.norm-ablation.preset.LayerNorm or RMSNorm.name': 'LayerNorm o RMSNorm',
  'exp.norm-ablation.preset.LayerNorm or RMSNorm.why':
    'Solo las dos normalizaciones, para comparar su pérdida final y su tiempo por paso sin la ejecución sin normalización.',
  'exp.bn-cnn.preset.see it break.name': 'verlo romperse',
  'exp.bn-cnn.preset.see it break.why':
    'Solo las tasas de aprendizaje altas, donde el curso espera que la CNN sin BatchNorm deje de aprender antes.',
  'exp.bn-cnn.preset.small batches.name': 'lotes pequeños',
  'exp.bn-cnn.preset.small batches.why':
    'BatchNorm con lotes de 4: sus estadísticas se vuelven ruidosas; ¿sigue ampliando el rango de tasas buenas?',
  'exp.bn-cnn.preset.low rates.name': 'tasas bajas',
  'exp.bn-cnn.preset.low rates.why':
    'Solo las tasas bajas, donde las dos redes deberían entrenar y la ventaja de BatchNorm es menor.',
  'exp.signal.preset.see it vanish.name': 'verla desvanecerse',
  'exp.signal.preset.see it vanish.why':
    'Con la inicialización por defecto de PyTorch y sin normalización, 50 capas muestran cómo la desviación estándar de la señal se encoge capa tras capa.',
  'exp.signal.preset.the fix.name': 'la solución',
  'exp.signal.preset.the fix.why':
    'Las mismas 50 capas con un RMSNorm después de cada una: la desviación estándar vuelve a 1 en cada capa.',
  'exp.signal.preset.init alone.name': 'solo la inicialización',
  'exp.signal.preset.init alone.why':
    'La inicialización de Kaiming compensa que ReLU reduzca la varianza a la mitad, así que incluso sin normalización la desviación estándar puede mantenerse a lo largo de 50 capas.',
  'exp.bn-eval.preset.batch of one.name': 'lote de uno',
  'exp.bn-eval.preset.batch of one.why':
    'Evalúa un ejemplo cada vez: en modo de entrenamiento, BatchNorm devuelve entonces solo su desplazamiento β.',
  'exp.bn-eval.preset.slow running averages.name': 'medias móviles lentas',
  'exp.bn-eval.preset.slow running averages.why':
    'Un momento pequeño hace que las estadísticas móviles vayan por detrás del entrenamiento, así que el modo de evaluación usa unas desfasadas.',
  'exp.bn-eval.preset.deeper.name': 'más profunda',
  'exp.bn-eval.preset.deeper.why':
    'Seis capas BatchNorm en lugar de tres: ¿crece con la profundidad la diferencia entre entrenamiento y evaluación?',
  'exp.precision.preset.all in half.name': 'todo en media precisión',
  'exp.precision.preset.all in half.why':
    'Todas las operaciones en fp16 o bf16, no solo las entradas y las salidas: ¿dónde pierde precisión cada normalización?',
  'exp.precision.preset.far from zero.name': 'lejos de cero',
  'exp.precision.preset.far from zero.why':
    'Filas cuya media está lejos de cero: LayerNorm resta la media, RMSNorm la eleva al cuadrado.',
  'exp.precision.preset.tiny values.name': 'valores diminutos',
  'exp.precision.preset.tiny values.why':
    'Filas con una dispersión muy pequeña: el rango y la precisión de los formatos de media precisión en el extremo bajo.',
  'exp.norm-speed.preset.LayerNorm or RMSNorm.name': 'LayerNorm o RMSNorm',
  'exp.norm-speed.preset.LayerNorm or RMSNorm.why':
    'Solo las dos normalizaciones cuyo coste difiere en una pasada sobre la fila.',
  'exp.norm-speed.preset.short rows.name': 'filas cortas',
  'exp.norm-speed.preset.short rows.why': 'Filas cortas, donde más pesa el coste fijo por fila.',
  'exp.norm-speed.preset.out of cache.name': 'fuera de caché',
  'exp.norm-speed.preset.out of cache.why':
    'Tensores de 4M valores (16 MB cada uno para x, y, dy y dx) que no caben en la caché de la CPU: las dos normalizaciones esperan a la memoria, y la pasada de menos sobre la fila de RMSNorm ahorra poco. En nativo, en dos ejecuciones de 3 semillas, RMSNorm ahorró aquí de -5 a 16 % por semilla (no concluyente las dos veces), frente al 31-33 % con el tamaño por defecto.',
};
