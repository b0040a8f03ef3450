# threadesk — español (es). Los mensajes usan el HTML de Telegram: los argumentos llegan escapados, y cada etiqueta
# debe cerrarse en la misma línea en la que se abre.

## La tarjeta del cliente en el canal (idioma del equipo)
card-ticket = Ticket #{ $number }
card-status-open = abierto
card-stage-new = nuevo, sin respuesta (desde { $since })
card-stage-waiting-us = esperando al equipo desde { $since }
card-stage-waiting-customer = esperando al cliente desde { $since }
card-assignee = asignado a { $name }
card-status-closed = cerrado por { $by } el { $at }
card-status-closed-auto = cerrado automáticamente el { $at }
card-priority = prioridad: { $priority }
card-language = idioma: { $language }
customer-pseudonym = Cliente { $code }
card-erased = 🗑 borrado
card-origin = origen: { $origin }
card-opened = abierto el { $at }
card-banned = 🚫 vetado (silenciados: { $muted })
card-blocked = ⛔ bloqueó el bot
card-deactivated = ⛔ cuenta eliminada

## Nombres de las prioridades, niveles 0 a 3 (/p también los acepta, en cualquier idioma)
priority-0 = baja
priority-1 = normal
priority-2 = alta
priority-3 = urgente

## Lo que envió un cliente y no se puede copiar
kind-quiz = un cuestionario
kind-invoice = una factura
kind-paid-media = contenido de pago
kind-giveaway = un sorteo
kind-game = un juego
kind-service = un mensaje de servicio
kind-unsupported = un tipo de mensaje que este bot no conoce

## Por qué algo no se entregó
failure-blocked = el cliente bloqueó el bot
failure-deactivated = se eliminó la cuenta del cliente
failure-not-started = este usuario nunca inició el bot
failure-rejected = Telegram lo rechazó ({ $reason })
failure-thread-gone = el hilo del cliente fue eliminado
failure-workspace-changed = el equipo cambió de espacio de trabajo antes del envío

## Avisos en el hilo de un cliente y en el chat del equipo (idioma del equipo)
notice-uncopyable = ⚠️ El cliente envió { $kind }, que Telegram no permite copiar a los bots.
notice-not-delivered = ⚠️ No entregado: { $reason }.
notice-not-copied = ⚠️ No se pudo copiar aquí un mensaje del cliente: { $reason }.
notice-unformatted = ⚠️ No se pudo mostrar este mensaje con su formato: { $reason }. Aquí está en texto sin formato:
notice-customer-edited = ✏️ El cliente editó este mensaje:
notice-customer-blocked = ⛔ El cliente bloqueó el bot. Los mensajes no le llegarán hasta que vuelva a iniciarlo.
notice-customer-back = ✅ El cliente vuelve a recibir mensajes.
notice-existing-bot-deleted = 🗑 El bot borró este mensaje en el chat del cliente.
existing-bot-label = 🤖 bot:
notice-customer-came-back = ↩️ El cliente volvió a través del enlace { $origin }.
notice-ticket-opened = 🎫 Ticket #{ $number } abierto.
notice-ticket-opened-origin = 🎫 Ticket #{ $number } abierto (origen: { $origin }).
notice-ticket-opened-by = 🎫 Ticket #{ $number } abierto por { $by }.
notice-ticket-opened-by-team = 🎫 Ticket #{ $number } abierto por el equipo.
notice-thread-missing = ⚠️ La tarjeta de { $name } (id { $customer }) se publicó en el canal, pero su hilo de comentarios no apareció, así que hay mensajes en espera ({ $waiting }). Comprueba que el grupo de debate del canal sea este grupo y que el bot sea administrador aquí (o que el modo de privacidad esté desactivado). La tarjeta se publicará de nuevo; no se pierde nada.
notice-thread-missing-hidden = ⚠️ La tarjeta de { $name } se publicó en el canal, pero su hilo de comentarios no apareció, así que hay mensajes en espera ({ $waiting }). Comprueba que el grupo de debate del canal sea este grupo y que el bot sea administrador aquí (o que el modo de privacidad esté desactivado). La tarjeta se publicará de nuevo; no se pierde nada.
notice-ticket-closed = ✅ Ticket #{ $number } cerrado por { $by }.
notice-ticket-closed-note = ✅ Ticket #{ $number } cerrado por { $by }: { $note }
notice-ticket-closed-auto = ✅ Ticket #{ $number } cerrado automáticamente.
notice-ticket-already-closed = El ticket #{ $number } ya está cerrado. El siguiente se abrirá cuando el cliente vuelva a escribir o cuando se le envíe un comentario desde aquí.
notice-priority-set = Prioridad cambiada a { $priority }.
notice-banned = 🚫 Cliente vetado: sus mensajes no se reenviarán.
notice-banned-reason = 🚫 Cliente vetado ({ $reason }): sus mensajes no se reenviarán.
notice-already-banned = El cliente ya está vetado.
notice-unbanned = ✅ Veto retirado. Mensajes silenciados durante el veto: { $muted }.
notice-not-banned = El cliente no está vetado.
notice-banned-customer-wrote = 🔇 El cliente vetado volvió a escribir (mensaje no reenviado; total hasta ahora: { $muted }).
notice-thread-recreated = ♻️ El hilo anterior de este cliente fue eliminado; la conversación continúa aquí.
notice-card-deleted = ⚠️ La tarjeta de este cliente fue eliminada, así que ya no muestra el estado del ticket. La conversación sigue en este hilo.
notice-history-moved = 📁 El equipo se mudó a un nuevo espacio de trabajo. El historial anterior de este cliente sigue en su hilo anterior ({ $previous }):
notice-history-moved-unknown = 📁 El equipo se mudó a un nuevo espacio de trabajo. El historial anterior de este cliente sigue en el anterior.
notice-team-messages-wait = ⏳ El bot no puede comprobar ahora quién forma parte del equipo (puede haber perdido sus permisos en el chat del equipo, o Telegram está fallando). Los mensajes de este hilo esperan y se enviarán, en orden, en cuanto sea posible.

## Respuestas a los comandos del equipo (idioma del equipo)
canned-saved = 💾 Respuesta predefinida «{ $title }» guardada. Para usarla, escribe el @username del bot y una palabra del título en cualquier chat.
canned-replaced = 💾 Respuesta predefinida «{ $title }» actualizada.
canned-deleted = 🗑 Respuesta predefinida «{ $title }» eliminada.
canned-renamed = ✏️ La respuesta predefinida «{ $from }» ahora se llama «{ $to }».
canned-not-found = No hay ninguna respuesta predefinida llamada «{ $title }». Envía /respostas para verlas todas.
canned-title-taken = Ya existe otra respuesta predefinida llamada «{ $title }».
canned-unsupported = Este tipo de mensaje no se puede enviar en modo inline, así que no se puede guardar. Guarda un texto, una foto, un vídeo, un GIF, un documento, un audio, un mensaje de voz o un sticker.
canned-list-header = <b>Respuestas predefinidas</b> ({ $count }):
canned-list-empty = Aún no hay respuestas predefinidas. Responde a un mensaje con /resposta &lt;título&gt; para guardarlo.
usage-fim = Uso: /fim [nota de cierre], en el hilo de un cliente.
usage-p = Uso: /p &lt;nivel&gt;: 0 baja, 1 normal, 2 alta, 3 urgente (también sirven los nombres).
usage-ban = Uso: /ban [motivo], en el hilo de un cliente.
usage-unban = Uso: /unban, en el hilo de un cliente.
usage-resposta = Uso: responde al mensaje que quieras guardar con /resposta &lt;título&gt; (hasta 64 caracteres).
usage-respostas = Uso: /respostas
usage-resposta-apagar = Uso: /resposta_apagar &lt;título&gt;
usage-resposta-renomear = Uso: /resposta_renomear &lt;título anterior&gt; = &lt;título nuevo&gt;
usage-help = Uso: /help
usage-new = Uso: /new &lt;id de usuario&gt;, en el tema General o en el chat principal del grupo.
wrong-place = /{ $command } funciona dentro de la conversación de un cliente: el hilo de comentarios de su tarjeta o su tema del foro.
unknown-command = Comando desconocido: /{ $command }. Envía /help para ver la lista.
command-needs-admins = Solo los administradores del chat del equipo pueden usar /{ $command }.
command-needs-members = Solo los miembros del equipo pueden usar /{ $command }.
command-team-only = /{ $command } es un comando del equipo: solo los miembros del chat del equipo pueden usarlo.
notice-new-opening = 🆕 Abriendo un hilo para { $name }.
notice-new-already-open = { $name } ya tiene un ticket abierto.
notice-new-already-open-link = { $name } ya tiene un ticket abierto: <a href="{ $link }">abrir el hilo</a>.
notice-new-impossible = El usuario { $user } nunca escribió al bot (o lo bloqueó), así que el bot no puede escribirle primero. Pídele que envíe /start al bot.
team-help =
    <b>Comandos del equipo</b>
    En el hilo de un cliente:
    /fim [nota] o /close [nota]: cerrar el ticket
    /p &lt;0-3&gt;: establecer la prioridad (baja, normal, alta, urgente)
    /ban [motivo] y /unban: dejar de reenviar o volver a reenviar los mensajes del cliente
    /mark etiqueta … y /mark -etiqueta: añadir o quitar etiquetas del cliente (etapa:pagado sustituye a etapa:lead); /mark solo las lista
    /assign [@username o id de usuario] y /unassign: poner a alguien del equipo (tú, por defecto) a cargo, o a nadie
    /set &lt;campo&gt; &lt;valor&gt; y /unset &lt;campo&gt;: los campos de contacto del cliente
    /info: campos, etiquetas, tickets, orígenes y primer contacto del cliente
    /say &lt;título&gt;: envía una respuesta guardada al cliente, con {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} y {"{"}tag:…{"}"} rellenados
    /forget: borrar todo lo guardado sobre el cliente (administradores; pide confirmación)
    En cualquier lugar de este grupo:
    /resposta &lt;título&gt;, respondiendo a un mensaje: guardarlo como respuesta predefinida
    /respostas: ver la lista de respuestas predefinidas
    /resposta_apagar &lt;título&gt;: eliminar una
    /resposta_renomear &lt;anterior&gt; = &lt;nuevo&gt;: renombrar una
    /new &lt;id de usuario&gt;: abrir un hilo para un cliente que ya escribió al bot
    /stats [periodo]: tickets, tiempos de respuesta y de resolución y la parte de cada miembro, con gráfico (today, 7d, 30d, month o 2026-11-01..2026-11-30)
    En el chat principal del grupo o en el tema General:
    /queue: tickets abiertos que nos esperan, los más antiguos primero; /mine: los tuyos; /find &lt;texto&gt;: clientes por nombre, @username, id, etiqueta o valor de campo
    /send &lt;segmento&gt; [at … | in …], respondiendo a un mensaje en el vestíbulo: difundirlo (/send test: primero a ti); /broadcasts: las programadas y en curso
    /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-DD] (administradores): los datos como documento
    /import, respondiendo a un documento CSV o JSON lines (administradores): fusionar etiquetas, campos, idioma y notas de clientes tras una vista previa
    Los mensajes que empiezan por // se quedan en el hilo y nunca llegan al cliente.
    Respuestas predefinidas: escribe el @username del bot en cualquier chat y luego una palabra del título.

## Mensajes privados a los administradores (idioma del equipo)
admin-ticket-opened = 🔔 Ticket #{ $number }: <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = origen: { $origin }
admin-ticket-link = <a href="{ $link }">Abrir el hilo</a>

## Mensajes a los clientes (idioma del cliente)
notice-team-edited = ✏️ Mensaje editado:
notice-customer-message-failed = Lo sentimos, no pudimos entregar su último mensaje a nuestro equipo. Por favor, envíelo de nuevo.
customer-welcome = ¡Hola! Envíenos su consulta y nuestro equipo le responderá aquí lo antes posible.
customer-welcome-back = ¡Hola de nuevo! Nuestro equipo le responderá aquí en breve.
customer-still-here = Seguimos aquí: su conversación está abierta y nuestro equipo le responderá en este chat.
customer-goodbye = Su solicitud se ha cerrado. ¡Gracias! Escríbanos de nuevo siempre que lo necesite.
customer-banned = Sus mensajes ya no se entregan a nuestro equipo.
customer-help = Simplemente escriba su mensaje aquí: nuestro equipo lee todos los mensajes y responde en este chat.
admin-notifications-on = Recibirás un mensaje aquí cada vez que un cliente abra un ticket.
membership-unchecked = El bot no pudo comprobar si formas parte del equipo, así que no se mostró ninguna respuesta predefinida. Vuelve a intentarlo en un momento; si sigue ocurriendo, pide a un administrador que revise los permisos del bot en el chat del equipo.
inline-membership-unchecked = ⏳ No se puede comprobar el equipo ahora; inténtalo pronto

## Menús de comandos
command-start = Iniciar una conversación
command-help = Cómo funciona
command-fim = Cerrar el ticket
command-close = Cerrar el ticket (igual que /fim)
command-p = Establecer la prioridad (0-3)
command-ban = Dejar de reenviar los mensajes de este cliente
command-unban = Volver a reenviar los mensajes de este cliente
command-resposta = Guardar el mensaje respondido como respuesta predefinida
command-respostas = Ver las respuestas predefinidas
command-resposta-apagar = Eliminar una respuesta predefinida
command-resposta-renomear = Renombrar una respuesta predefinida
command-new = Abrir un hilo para un cliente por su id
command-team-help = Comandos del equipo
notice-sent-via-api = 🔌 vía API: {$token}
notice-canned-said = 💬 /say «{ $title }» enviado al cliente:

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = Este botón ha caducado. Vuelve a pedirlo para recibir uno nuevo.
button-team-only = Este botón es solo para el equipo de soporte.
button-membership-unchecked = El bot no puede comprobar ahora si formas parte del equipo. Inténtalo de nuevo en un momento.
## Etiquetas, campos de contacto y asignación (idioma del equipo; nunca se muestran al cliente)
tags-list = 🏷 Etiquetas: { $tags }
tags-none = 🏷 Todavía no hay etiquetas.
tag-invalid = «{ $tag }» no es una etiqueta válida: 1-32 letras, dígitos, _, - o :, sin empezar ni terminar con :.
tags-too-many = Un cliente tiene como máximo { $max } etiquetas: quita una antes.
field-invalid-name = «{ $name }» no es un nombre de campo válido: 1-32 de a-z, 0-9 y _.
field-invalid-value = El valor de un campo tiene de 1 a { $max } caracteres.
fields-too-many = Un cliente tiene como máximo { $max } campos: borra uno con /unset antes.
field-set = 📇 { $name } definido como «{ $value }».
field-unset = 📇 { $name } borrado.
field-not-set = Este cliente no tiene el campo { $name }.
info-first-contact = primer contacto { $at }
info-tickets = { $count } ticket(s)
info-current = actual #{ $number }, { $stage }
info-origins = orígenes: { $origins }
info-no-tags = sin etiquetas
info-no-fields = sin campos de contacto
stage-new = nuevo
stage-waiting-us = esperando al equipo
stage-waiting-customer = esperando al cliente
stage-closed = cerrado
assigned = 👤 Asignado a { $name }.
unassigned = 👤 { $name } ya no está asignado: nadie está a cargo de este ticket.
unassigned-nobody = Este ticket no tenía a nadie asignado.
not-on-team = { $who } no es alguien del equipo que el bot conozca. Solo se puede asignar a miembros del chat del equipo; el bot los conoce cuando han escrito en él (a los administradores siempre).
assign-needs-account = Escribes de forma anónima (o como el canal), así que no hay cuenta que asignar: usa /assign @username o /assign &lt;id de usuario&gt;.
assignee-ping = 🔔 { $name } escribió en el ticket #{ $number }, asignado a ti: espera al equipo.
usage-mark = Uso: /mark etiqueta …, /mark -etiqueta …, o /mark solo para listarlas, en el hilo de un cliente. Una etiqueta tiene 1-32 letras, dígitos, _, - o : (etapa:pagado sustituye a etapa:lead).
usage-assign = Uso: /assign (tú), /assign @username o /assign &lt;id de usuario&gt;, en el hilo de un cliente.
usage-unassign = Uso: /unassign, en el hilo de un cliente.
usage-set = Uso: /set &lt;campo&gt; &lt;valor&gt;, en el hilo de un cliente (campo: 1-32 de a-z, 0-9 y _; valor hasta 256 caracteres).
usage-unset = Uso: /unset &lt;campo&gt;, en el hilo de un cliente.
usage-info = Uso: /info, en el hilo de un cliente.
usage-say = Uso: /say &lt;título de una respuesta guardada&gt;, en el hilo de un cliente.
command-mark = Añadir, quitar o listar etiquetas del cliente
command-assign = Asignar el ticket (tú, @username o id)
command-unassign = Dejar el ticket sin asignar
command-set = Definir un campo de contacto del cliente
command-unset = Borrar un campo de contacto del cliente
command-info = Lo que el equipo sabe del cliente
command-say = Enviar una respuesta guardada al cliente, con las variables rellenadas
## Informes (idioma del equipo)
command-stats = Estadísticas con gráfico (today, 7d, 30d, month)
usage-stats = Uso: /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = «{ $period }» no es un periodo: usa today, 7d, 30d, month o un rango como 2026-11-01..2026-11-30.
period-reversed = El periodo «{ $period }» termina antes de empezar o está en el futuro.
period-too-long = El periodo «{ $period }» dura más de un año: pide como máximo 366 días.
report-failed = No se pudo enviar el informe: { $reason }
report-title = 📊 <b>Informe { $period }</b> ({ $zone })
report-tickets = Tickets: { $opened } abiertos, { $closed } cerrados, { $open } aún abiertos
report-reopened = Clientes que volvieron en menos de un día tras el cierre: { $count }
report-first-response = Primera respuesta: mediana { $median }, p90 { $p90 } ({ $count } tickets)
report-resolution = Resolución: mediana { $median }, p90 { $p90 } ({ $count } tickets)
report-no-times = ninguno en este periodo
report-business-hours = Los tiempos cuentan solo el horario laboral ({ $hours }).
report-all-hours = Los tiempos cuentan todas las horas del día.
report-busiest = Horas de más actividad: { $hours }
report-origins = Por origen: { $list }
report-origin-direct = directo
report-tags = Por etiqueta al cerrar: { $list }
report-team = <b>Equipo</b>
report-member = { $name }: { $replies } respuestas, { $closed } cerrados, primera respuesta { $median }
report-no-team = Ninguna respuesta del equipo en este periodo.
report-ratings = Valoraciones: media { $average } de { $count }, { $good }% dieron 4 o 5
report-no-ratings = Valoraciones: ninguna en este periodo
chart-per-day = Tickets por día, { $period }
chart-opened = abiertos
chart-closed = cerrados
chart-first-response = Tiempo hasta la primera respuesta
chart-replies = Respuestas por miembro del equipo
chart-no-data = sin datos

## Listas del vestíbulo (idioma del equipo)
usage-queue = Uso: /queue, en el chat principal del grupo o en el tema General: los tickets abiertos que nos esperan, los más antiguos primero.
usage-mine = Uso: /mine, en el chat principal del grupo o en el tema General: los tickets abiertos asignados a ti (desde tu propia cuenta, no de forma anónima).
usage-find = Uso: /find &lt;texto&gt;, en el chat principal del grupo o en el tema General: clientes por nombre, @username, id, etiqueta o valor de campo (hasta 40 letras; las letras fuera de a-z cuentan doble).
wrong-place-lobby = /{ $command } funciona en el chat principal del grupo o en el tema General, fuera de las conversaciones de los clientes.
command-queue = Tickets abiertos que nos esperan, los más antiguos primero
command-mine = Tus tickets abiertos
command-find = Buscar clientes por nombre, @username, id, etiqueta o campo
lobby-queue-header = 📥 <b>Nos esperan</b>: { $total }
lobby-queue-empty = 📥 Ningún ticket abierto nos espera.
lobby-mine-header = 🙋 <b>Tus tickets abiertos</b>: { $total }
lobby-mine-empty = 🙋 No tienes ningún ticket abierto asignado.
lobby-find-header = 🔎 <b>{ $query }</b>: { $total } encontrados
lobby-find-empty = 🔎 Nadie coincide con «{ $query }».
lobby-page = Página { $page } de { $pages }
lobby-waited = { $stage } desde hace { $duration }
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } d { $hours } h
page-previous = ◀ Anterior
page-next = Siguiente ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Uso: en el vestíbulo (el chat principal del grupo o el tema General del foro), responde al mensaje a difundir con /send &lt;segmento&gt; [at AAAA-MM-DD HH:MM | in 2h]; /send test te lo envía primero a ti. Segmentos: all, open, closed, tag:x, tag:clave:valor, origin:x, lang:xx, active:Nd, unidos con + (y) y , (o).
usage-broadcasts = Uso: /broadcasts
command-send = Difundir el mensaje respondido a un segmento de clientes
command-broadcasts = Difusiones programadas y en curso
broadcast-only-in-lobby = /send funciona en el vestíbulo: el chat principal del grupo o el tema General del foro.
broadcast-test-sent = 📨 Una copia de prueba va camino de tu chat privado con el bot.
broadcast-test-failed = La copia de prueba no te llegó: { $reason }. Envía /start al bot en un chat privado primero.
broadcast-bad-segment = “{ $term }” no es un segmento. Usa all, open, closed, tag:x, tag:clave:valor, origin:x, lang:xx o active:Nd, unidos con + (y) y , (o). No se envió nada.
broadcast-bad-time = No se puede leer la hora: escribe “at 2026-12-24 09:00” o “in 2h” después del segmento. No se envió nada.
broadcast-past-time = Esa hora ya pasó. No se envió nada.
broadcast-preview = 📣 Difusión #{ $id } a { $count } cliente(s) en { $segment }, { $when }. No sale nada antes de que pulses Enviar.
broadcast-when-now = en cuanto pulses Enviar
broadcast-when-at = el { $at }
broadcast-scheduled = ⏰ Difusión #{ $id } a { $segment }: programada para el { $at } ({ $count } cliente(s) en la vista previa).
broadcast-running = 📣 Difusión #{ $id } a { $segment }: { $bar } · { $done }/{ $total } · { $failed } sin entregar · quedan unos { $left }
broadcast-paused = ⏸ Difusión #{ $id } a { $segment }: en pausa en { $done }/{ $total }.
broadcast-cancelled = 🚫 Difusión #{ $id } a { $segment }: cancelada tras { $done }/{ $total }.
broadcast-done = ✅ Difusión #{ $id } a { $segment } terminada en { $duration }: { $sent } entregados, { $blocked } bloquearon el bot (ahora marcados), { $failed } fallaron, { $uncertain } inciertos (el bot se detuvo durante el envío; nunca se envía dos veces).
broadcast-failures = Fallos: { $reasons }
broadcasts-none = No hay ninguna difusión programada, en curso o en pausa.
broadcast-button-send = ✅ Enviar
broadcast-button-cancel = ✖️ Cancelar
broadcast-button-pause = ⏸ Pausar
broadcast-button-resume = ▶️ Reanudar
broadcast-now-counting = Contando los destinatarios.
broadcast-now-draft = Esperando a Enviar.
broadcast-now-scheduled = Programada.
broadcast-now-running = Enviando.
broadcast-now-paused = En pausa.
broadcast-now-done = Terminada.
broadcast-now-cancelled = Cancelada: no sale nada más.
broadcast-unchanged = Esta difusión está { $status }: ese botón no hace nada ahora.
broadcast-status-counting = en recuento
broadcast-status-draft = esperando a Enviar
broadcast-status-scheduled = programada
broadcast-status-running = en curso
broadcast-status-paused = en pausa
broadcast-status-done = terminada
broadcast-status-cancelled = cancelada
customer-opted-out = Ya no recibirás nuestros anuncios. Envía /start para volver a recibirlos. Puedes seguir escribiéndonos aquí cuando quieras.
customer-opted-in = Volverás a recibir nuestros anuncios. Envía /stop para dejar de recibirlos.
notice-answers-broadcast = ↩️ En respuesta a la difusión #{ $id }
notice-broadcast-reached = 📣 La difusión #{ $id } llegó a este cliente.
notice-broadcast-reached-link = 📣 La <a href="{ $link }">difusión #{ $id }</a> llegó a este cliente.
## Valoraciones
rating-request = ¿Qué tal te atendimos en la solicitud #{ $number }? Valóranos de 1 (mal) a 5 (excelente).
rating-thanks = ¡Gracias por tu valoración!
rating-too-late = Esta valoración ya no se puede cambiar.
notice-customer-rated = ⭐ El cliente valoró el ticket #{ $number }: { $score }/5
card-rating = ⭐ valorado { $score }/5
card-opted-out = 🔕 no recibe difusiones
card-human-handling = 🧑‍💼 atención humana: el bot está en pausa para este cliente

## /export (administrators, in the lobby)
usage-export = Uso: /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-DD], en el chat principal del grupo o el tema General (solo administradores). Segmentos como en /send: open, closed, tag:x, origin:x, lang:xx, active:Nd, unidos con + y ,. Ejemplo: /export customers csv tag:vip since 2026-11-01
command-export = Exportar clientes, tickets o difusiones como archivo
export-failed = No se pudo enviar la exportación: { $reason }
export-kind-customers = Clientes
export-kind-tickets = Tickets
export-kind-broadcasts = Difusiones
export-caption = 📦 { $kind } (filas: { $rows })
export-part = {" "}(parte { $part } de { $parts })

## /import (administrators, in the lobby)
usage-import = Uso: responde a un documento CSV o JSON lines (por ejemplo, una exportación de clientes) con /import, en el chat principal del grupo o el tema General (solo administradores). Columnas: customer_id y cualquiera de name, username, language, tags (unidas con ;), notes, field:&lt;nombre&gt;.
command-import = Importar clientes desde un documento CSV o JSON lines
import-failed = No se pudo leer el documento: { $reason }
import-needs-document = Responde a un documento CSV o JSON lines con /import.
import-not-csv = Nada importado: este documento no es CSV ni JSON lines.
import-too-large = Nada importado: el documento supera los 20 MB que los bots pueden descargar. Divídelo en archivos más pequeños.
import-no-id-column = Nada importado: el archivo no tiene columna customer_id (JSON lines: ninguna clave id).
import-wrong-columns = Nada importado: columnas desconocidas { $columns }. Se esperan customer_id, name, username, language, tags, notes y field:&lt;nombre&gt; (first_seen y banned se ignoran).
import-empty = Nada importado: el archivo no tiene filas.
import-problems = Nada importado: { $total } filas tienen problemas. Corrígelas y envía el archivo de nuevo.
import-problem-line = Línea { $line }: { $problem }
import-more-problems = … y { $count } más.
import-row-malformed = la fila no se puede leer
import-row-bad-id = «{ $id }» no es un id de usuario
import-row-group-id = { $id } es un grupo o canal, no una persona
import-row-duplicate = el mismo id de usuario que la línea { $first }
import-row-bad-tag = «{ $tag }» no es una etiqueta válida
import-row-bad-field = el campo «{ $field }» tiene un nombre o valor no válido
import-row-too-many-fields = demasiados campos de contacto para un cliente
import-row-too-many-tags = demasiadas etiquetas para un cliente
import-row-bad-language = «{ $language }» no es un código de idioma
import-preview = 📥 Importación: { $new } clientes nuevos, { $updated } clientes conocidos actualizados. No se envía nada a nadie. ¿Aplicar?
import-apply-button = Aplicar
import-cancel-button = Cancelar
import-applied = ✅ Importado: { $new } clientes nuevos, { $updated } clientes conocidos actualizados.
import-cancelled = Importación cancelada: nada cambió.
import-admins-only = Solo los administradores del chat del equipo pueden aplicar o cancelar una importación.
imported-not-written = 📥 Importado; aún no ha escrito.

## Erasure (/forget, team language)
command-forget = Olvidar a este cliente: borrar todo lo guardado sobre él (administradores)
usage-forget = Uso: /forget, en el hilo de un cliente (solo administradores).
forget-ask = 🗑 ¿Olvidar a este cliente? Todo lo que threadesk guarda sobre él se borra para siempre: su ficha, tickets y estadísticas, valoraciones, etiquetas, campos, enlaces de mensajes, temporizadores, mensajes en cola y registros de difusiones. Los mensajes de este hilo se quedan en Telegram.
forget-button = 🗑 Olvidar
forget-button-cancel = Cancelar
forget-cancelled = No se borró nada.
forget-nothing = Este cliente ya fue olvidado.
forgotten = 🗑 Cliente olvidado. Se eliminó: su ficha, { $tickets } ticket(s) con sus estadísticas y { $ratings } valoración(es), { $tags } etiqueta(s), { $fields } campo(s), { $links } enlace(s) de mensaje, { $threads } referencia(s) de tarjeta e hilo, { $timers } temporizador(es), { $queued } mensaje(s) o edición(es) en cola, { $broadcasts } registro(s) de difusión.
forgotten-kept = Los mensajes de este hilo se quedan en Telegram: bórralos allí si también deben desaparecer. Si esta persona vuelve a escribir, empieza de cero como un cliente nuevo.
