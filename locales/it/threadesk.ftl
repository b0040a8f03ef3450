# threadesk — italiano (it). I messaggi usano l’HTML di Telegram: gli argomenti arrivano già con l’escape, e ogni tag
# deve essere chiuso sulla stessa riga in cui si apre.

## La scheda del cliente nel canale (lingua del team)
card-ticket = Ticket #{ $number }
card-status-open = aperto
card-stage-new = nuovo, senza risposta (dal { $since })
card-stage-waiting-us = in attesa del team dal { $since }
card-stage-waiting-customer = in attesa del cliente dal { $since }
card-assignee = assegnato a { $name }
card-status-closed = chiuso da { $by } il { $at }
card-status-closed-auto = chiuso automaticamente il { $at }
card-priority = priorità: { $priority }
card-language = lingua: { $language }
customer-pseudonym = Cliente { $code }
card-erased = 🗑 cancellato
card-origin = origine: { $origin }
card-opened = aperto il { $at }
card-banned = 🚫 bannato (messaggi trattenuti: { $muted })
card-blocked = ⛔ ha bloccato il bot
card-deactivated = ⛔ account eliminato

## Nomi delle priorità, livelli da 0 a 3 (accettati anche da /p, in qualsiasi lingua)
priority-0 = bassa
priority-1 = normale
priority-2 = alta
priority-3 = urgente

## Ciò che un cliente ha inviato e che non si può copiare
kind-quiz = un quiz
kind-invoice = una fattura
kind-paid-media = un contenuto a pagamento
kind-giveaway = un giveaway
kind-game = un gioco
kind-service = un messaggio di servizio
kind-unsupported = un tipo di messaggio che questo bot non conosce

## Perché qualcosa non è stato consegnato
failure-blocked = il cliente ha bloccato il bot
failure-deactivated = l’account del cliente è stato eliminato
failure-not-started = questo utente non ha mai avviato il bot
failure-rejected = Telegram l’ha rifiutato ({ $reason })
failure-thread-gone = il thread del cliente è stato eliminato
failure-workspace-changed = il team ha cambiato spazio di lavoro prima dell’invio

## Note nel thread di un cliente e nella chat del team (lingua del team)
notice-uncopyable = ⚠️ Il cliente ha inviato { $kind }, che Telegram non permette ai bot di copiare.
notice-not-delivered = ⚠️ Non consegnato: { $reason }.
notice-not-copied = ⚠️ Non è stato possibile copiare qui un messaggio del cliente: { $reason }.
notice-unformatted = ⚠️ Non è stato possibile mostrare questo messaggio con la sua formattazione: { $reason }. Eccolo come testo semplice:
notice-customer-edited = ✏️ Il cliente ha modificato questo messaggio:
notice-customer-blocked = ⛔ Il cliente ha bloccato il bot. I messaggi non gli arriveranno finché non lo riavvierà.
notice-customer-back = ✅ Il cliente può di nuovo ricevere messaggi.
notice-existing-bot-deleted = 🗑 Il bot ha eliminato questo messaggio nella chat del cliente.
existing-bot-label = 🤖 bot:
notice-customer-came-back = ↩️ Il cliente è tornato tramite il link { $origin }.
notice-ticket-opened = 🎫 Ticket #{ $number } aperto.
notice-ticket-opened-origin = 🎫 Ticket #{ $number } aperto (origine: { $origin }).
notice-ticket-opened-by = 🎫 Ticket #{ $number } aperto da { $by }.
notice-ticket-opened-by-team = 🎫 Ticket #{ $number } aperto dal team.
notice-thread-missing = ⚠️ La scheda di { $name } (id { $customer }) è stata pubblicata nel canale, ma il suo thread dei commenti non è comparso, quindi ci sono messaggi in attesa ({ $waiting }). Verifica che il gruppo di discussione del canale sia questo gruppo e che il bot sia amministratore qui (oppure che la modalità privacy sia disattivata). La scheda verrà pubblicata di nuovo; non si perde nulla.
notice-thread-missing-hidden = ⚠️ La scheda di { $name } è stata pubblicata nel canale, ma il suo thread dei commenti non è comparso, quindi ci sono messaggi in attesa ({ $waiting }). Verifica che il gruppo di discussione del canale sia questo gruppo e che il bot sia amministratore qui (oppure che la modalità privacy sia disattivata). La scheda verrà pubblicata di nuovo; non si perde nulla.
notice-ticket-closed = ✅ Ticket #{ $number } chiuso da { $by }.
notice-ticket-closed-note = ✅ Ticket #{ $number } chiuso da { $by }: { $note }
notice-ticket-closed-auto = ✅ Ticket #{ $number } chiuso automaticamente.
notice-ticket-already-closed = Il ticket #{ $number } è già chiuso. Il prossimo si aprirà quando il cliente scriverà di nuovo o quando gli verrà inviato un commento da qui.
notice-priority-set = Priorità impostata su { $priority }.
notice-banned = 🚫 Cliente bannato: i suoi messaggi non verranno inoltrati.
notice-banned-reason = 🚫 Cliente bannato ({ $reason }): i suoi messaggi non verranno inoltrati.
notice-already-banned = Il cliente è già bannato.
notice-unbanned = ✅ Ban rimosso. Messaggi trattenuti durante il ban: { $muted }.
notice-not-banned = Il cliente non è bannato.
notice-banned-customer-wrote = 🔇 Il cliente bannato ha scritto di nuovo (messaggio non inoltrato; totale finora: { $muted }).
notice-thread-recreated = ♻️ Il thread precedente di questo cliente è stato eliminato; la conversazione continua qui.
notice-card-deleted = ⚠️ La scheda di questo cliente è stata eliminata, quindi non mostra più lo stato del ticket. La conversazione continua in questo thread.
notice-history-moved = 📁 Il team si è spostato in un nuovo spazio di lavoro. La cronologia precedente di questo cliente resta nel suo thread precedente ({ $previous }):
notice-history-moved-unknown = 📁 Il team si è spostato in un nuovo spazio di lavoro. La cronologia precedente di questo cliente resta in quello precedente.
notice-team-messages-wait = ⏳ Il bot non riesce a verificare ora chi fa parte del team (potrebbe aver perso i suoi permessi nella chat del team, oppure Telegram non risponde). I messaggi di questo thread attendono e saranno inviati, in ordine, appena possibile.

## Risposte ai comandi del team (lingua del team)
canned-saved = 💾 Risposta predefinita «{ $title }» salvata. Per usarla, digita l’@username del bot e una parola del titolo in qualsiasi chat.
canned-replaced = 💾 Risposta predefinita «{ $title }» aggiornata.
canned-deleted = 🗑 Risposta predefinita «{ $title }» eliminata.
canned-renamed = ✏️ La risposta predefinita «{ $from }» ora si chiama «{ $to }».
canned-not-found = Nessuna risposta predefinita si chiama «{ $title }». Invia /respostas per vederle tutte.
canned-title-taken = Esiste già un’altra risposta predefinita chiamata «{ $title }».
canned-unsupported = Questo tipo di messaggio non può essere inviato in modalità inline, quindi non può essere salvato. Salva un testo, una foto, un video, una GIF, un documento, un audio, un messaggio vocale o uno sticker.
canned-list-header = <b>Risposte predefinite</b> ({ $count }):
canned-list-empty = Ancora nessuna risposta predefinita. Rispondi a un messaggio con /resposta &lt;titolo&gt; per salvarlo.
usage-fim = Uso: /fim [nota di chiusura], nel thread di un cliente.
usage-p = Uso: /p &lt;livello&gt;: 0 bassa, 1 normale, 2 alta, 3 urgente (funzionano anche i nomi).
usage-ban = Uso: /ban [motivo], nel thread di un cliente.
usage-unban = Uso: /unban, nel thread di un cliente.
usage-resposta = Uso: rispondi al messaggio da salvare con /resposta &lt;titolo&gt; (massimo 64 caratteri).
usage-respostas = Uso: /respostas
usage-resposta-apagar = Uso: /resposta_apagar &lt;titolo&gt;
usage-resposta-renomear = Uso: /resposta_renomear &lt;vecchio titolo&gt; = &lt;nuovo titolo&gt;
usage-help = Uso: /help
usage-new = Uso: /new &lt;id utente&gt;, nell’argomento Generale o nella chat principale del gruppo.
wrong-place = /{ $command } funziona dentro la conversazione di un cliente: il thread dei commenti della sua scheda o il suo argomento del forum.
unknown-command = Comando sconosciuto: /{ $command }. Invia /help per vedere l’elenco.
command-needs-admins = Solo gli amministratori della chat del team possono usare /{ $command }.
command-needs-members = Solo i membri del team possono usare /{ $command }.
command-team-only = /{ $command } è un comando del team: solo i membri della chat del team possono usarlo.
notice-new-opening = 🆕 Apertura di un thread per { $name }.
notice-new-already-open = { $name } ha già un ticket aperto.
notice-new-already-open-link = { $name } ha già un ticket aperto: <a href="{ $link }">apri il thread</a>.
notice-new-impossible = L’utente { $user } non ha mai scritto al bot (o l’ha bloccato), quindi il bot non può scrivergli per primo. Chiedigli di inviare /start al bot.
team-help =
    <b>Comandi del team</b>
    Nel thread di un cliente:
    /fim [nota] o /close [nota]: chiudere il ticket
    /p &lt;0-3&gt;: impostare la priorità (bassa, normale, alta, urgente)
    /ban [motivo] e /unban: interrompere o riprendere l’inoltro dei messaggi del cliente
    /mark etichetta … e /mark -etichetta: aggiungi o togli etichette del cliente (fase:pagato sostituisce fase:lead); /mark da solo le elenca
    /assign [@username o id utente] e /unassign: affida il ticket a un membro del team (tu, per impostazione predefinita) o a nessuno
    /set &lt;campo&gt; &lt;valore&gt; e /unset &lt;campo&gt;: i campi di contatto del cliente
    /info: campi, etichette, ticket, origini e primo contatto del cliente
    /say &lt;titolo&gt;: invia una risposta salvata al cliente, con {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} e {"{"}tag:…{"}"} compilati
    /forget: cancella tutto ciò che è conservato sul cliente (amministratori; chiede conferma)
    Ovunque in questo gruppo:
    /resposta &lt;titolo&gt;, in risposta a un messaggio: salvarlo come risposta predefinita
    /respostas: elencare le risposte predefinite
    /resposta_apagar &lt;titolo&gt;: eliminarne una
    /resposta_renomear &lt;vecchio&gt; = &lt;nuovo&gt;: rinominarne una
    /new &lt;id utente&gt;: apri un thread per un cliente che ha già scritto al bot
    /stats [periodo]: ticket, tempi di risposta e di risoluzione e la parte di ogni membro, con grafico (today, 7d, 30d, month o 2026-11-01..2026-11-30)
    Nella chat principale del gruppo o nell'argomento General:
    /queue: ticket aperti che ci aspettano, i più vecchi prima; /mine: i tuoi; /find &lt;testo&gt;: clienti per nome, @username, id, tag o valore di campo
    /send &lt;segmento&gt; [at … | in …], rispondendo a un messaggio nella hall: diffonderlo (/send test: prima a te); /broadcasts: quelle programmate e in corso
    /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-GG] (amministratori): i dati come documento
    /import, rispondendo a un documento CSV o JSON lines (amministratori): unire etichette, campi, lingua e note dei clienti dopo un'anteprima
    I messaggi che iniziano con // restano nel thread e non arrivano mai al cliente.
    Risposte predefinite: digita l’@username del bot in qualsiasi chat, poi una parola del titolo.

## Messaggi privati agli amministratori (lingua del team)
admin-ticket-opened = 🔔 Ticket #{ $number }: <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = origine: { $origin }
admin-ticket-link = <a href="{ $link }">Apri il thread</a>

## Messaggi ai clienti (lingua del cliente)
notice-team-edited = ✏️ Messaggio modificato:
notice-customer-message-failed = Ci dispiace, non è stato possibile consegnare il tuo ultimo messaggio al nostro team. Per favore, invialo di nuovo.
customer-welcome = Ciao! Inviaci la tua domanda e il nostro team ti risponderà qui il prima possibile.
customer-welcome-back = Ciao di nuovo! Il nostro team ti risponderà qui a breve.
customer-still-here = Siamo ancora qui: la tua conversazione è aperta e il nostro team ti risponderà in questa chat.
customer-goodbye = La tua richiesta è stata chiusa. Grazie! Scrivici di nuovo ogni volta che ne hai bisogno.
customer-banned = I tuoi messaggi non vengono più consegnati al nostro team.
customer-help = Scrivi qui il tuo messaggio: il nostro team legge ogni messaggio e risponde in questa chat.
admin-notifications-on = Riceverai un messaggio qui ogni volta che un cliente apre un ticket.
membership-unchecked = Il bot non è riuscito a verificare se fai parte del team, quindi non è stata mostrata nessuna risposta predefinita. Riprova tra poco; se continua, chiedi a un amministratore di controllare i permessi del bot nella chat del team.
inline-membership-unchecked = ⏳ Impossibile verificare il team ora; riprova presto

## Menu dei comandi
command-start = Inizia una conversazione
command-help = Come funziona
command-fim = Chiudi il ticket
command-close = Chiudi il ticket (come /fim)
command-p = Imposta la priorità (0-3)
command-ban = Smetti di inoltrare i messaggi di questo cliente
command-unban = Riprendi a inoltrare i messaggi di questo cliente
command-resposta = Salva il messaggio a cui rispondi come risposta predefinita
command-respostas = Elenca le risposte predefinite
command-resposta-apagar = Elimina una risposta predefinita
command-resposta-renomear = Rinomina una risposta predefinita
command-new = Apri un thread per un cliente tramite id
command-team-help = Comandi del team
notice-sent-via-api = 🔌 tramite API: {$token}
notice-canned-said = 💬 /say «{ $title }» inviato al cliente:

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = Questo pulsante è scaduto. Richiedilo di nuovo per averne uno aggiornato.
button-team-only = Questo pulsante è solo per il team di supporto.
button-membership-unchecked = Il bot non riesce a verificare ora se fai parte del team. Riprova tra poco.
## Etichette, campi di contatto e assegnazione (lingua del team; mai mostrati al cliente)
tags-list = 🏷 Etichette: { $tags }
tags-none = 🏷 Ancora nessuna etichetta.
tag-invalid = “{ $tag }” non è un’etichetta valida: 1-32 lettere, cifre, _, - o :, senza iniziare o finire con :.
tags-too-many = Un cliente ha al massimo { $max } etichette: togline una prima.
field-invalid-name = “{ $name }” non è un nome di campo valido: 1-32 tra a-z, 0-9 e _.
field-invalid-value = Il valore di un campo va da 1 a { $max } caratteri.
fields-too-many = Un cliente ha al massimo { $max } campi: cancellane uno con /unset prima.
field-set = 📇 { $name } impostato a “{ $value }”.
field-unset = 📇 { $name } cancellato.
field-not-set = Questo cliente non ha il campo { $name }.
info-first-contact = primo contatto { $at }
info-tickets = { $count } ticket
info-current = attuale #{ $number }, { $stage }
info-origins = origini: { $origins }
info-no-tags = nessuna etichetta
info-no-fields = nessun campo di contatto
stage-new = nuovo
stage-waiting-us = in attesa del team
stage-waiting-customer = in attesa del cliente
stage-closed = chiuso
assigned = 👤 Assegnato a { $name }.
unassigned = 👤 { $name } non è più assegnato: nessuno segue questo ticket.
unassigned-nobody = Questo ticket non era assegnato a nessuno.
not-on-team = { $who } non è un membro del team che il bot conosca. Si possono assegnare solo membri della chat del team; il bot li conosce dopo che ci hanno scritto (gli amministratori sempre).
assign-needs-account = Stai scrivendo in forma anonima (o come canale), quindi non c’è un account da assegnare: usa /assign @username o /assign &lt;id utente&gt;.
assignee-ping = 🔔 { $name } ha scritto nel ticket #{ $number }, assegnato a te: aspetta il team.
usage-mark = Uso: /mark etichetta …, /mark -etichetta …, o /mark da solo per elencarle, nel thread di un cliente. Un’etichetta ha 1-32 lettere, cifre, _, - o : (fase:pagato sostituisce fase:lead).
usage-assign = Uso: /assign (tu), /assign @username o /assign &lt;id utente&gt;, nel thread di un cliente.
usage-unassign = Uso: /unassign, nel thread di un cliente.
usage-set = Uso: /set &lt;campo&gt; &lt;valore&gt;, nel thread di un cliente (campo: 1-32 tra a-z, 0-9 e _; valore fino a 256 caratteri).
usage-unset = Uso: /unset &lt;campo&gt;, nel thread di un cliente.
usage-info = Uso: /info, nel thread di un cliente.
usage-say = Uso: /say &lt;titolo di una risposta salvata&gt;, nel thread di un cliente.
command-mark = Aggiungi, togli o elenca le etichette del cliente
command-assign = Assegna il ticket (tu, @username o id)
command-unassign = Lascia il ticket senza assegnatario
command-set = Imposta un campo di contatto del cliente
command-unset = Cancella un campo di contatto del cliente
command-info = Cosa sa il team del cliente
command-say = Invia una risposta salvata al cliente, con le variabili compilate
## Report (lingua del team)
command-stats = Statistiche con grafico (today, 7d, 30d, month)
usage-stats = Uso: /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = «{ $period }» non è un periodo: usa today, 7d, 30d, month o un intervallo come 2026-11-01..2026-11-30.
period-reversed = Il periodo «{ $period }» finisce prima di iniziare o è nel futuro.
period-too-long = Il periodo «{ $period }» supera un anno: chiedi al massimo 366 giorni.
report-failed = Non è stato possibile inviare il report: { $reason }
report-title = 📊 <b>Report { $period }</b> ({ $zone })
report-tickets = Ticket: { $opened } aperti, { $closed } chiusi, { $open } ancora aperti
report-reopened = Clienti tornati entro un giorno dalla chiusura: { $count }
report-first-response = Prima risposta: mediana { $median }, p90 { $p90 } ({ $count } ticket)
report-resolution = Risoluzione: mediana { $median }, p90 { $p90 } ({ $count } ticket)
report-no-times = nessuno in questo periodo
report-business-hours = I tempi contano solo l'orario di lavoro ({ $hours }).
report-all-hours = I tempi contano tutte le ore del giorno.
report-busiest = Ore di maggior traffico: { $hours }
report-origins = Per origine: { $list }
report-origin-direct = diretto
report-tags = Per etichetta alla chiusura: { $list }
report-team = <b>Team</b>
report-member = { $name }: { $replies } risposte, { $closed } chiusi, prima risposta { $median }
report-no-team = Nessuna risposta del team in questo periodo.
report-ratings = Valutazioni: media { $average } su { $count }, il { $good }% ha dato 4 o 5
report-no-ratings = Valutazioni: nessuna in questo periodo
chart-per-day = Ticket al giorno, { $period }
chart-opened = aperti
chart-closed = chiusi
chart-first-response = Tempo alla prima risposta
chart-replies = Risposte per membro del team
chart-no-data = nessun dato

## Liste dell'atrio (lingua del team)
usage-queue = Uso: /queue, nella chat principale del gruppo o nell'argomento General: i ticket aperti che ci aspettano, i più vecchi prima.
usage-mine = Uso: /mine, nella chat principale del gruppo o nell'argomento General: i ticket aperti assegnati a te (dal tuo account, non in forma anonima).
usage-find = Uso: /find &lt;testo&gt;, nella chat principale del gruppo o nell'argomento General: clienti per nome, @username, id, tag o valore di campo (fino a 40 lettere; le lettere fuori da a-z contano doppio).
wrong-place-lobby = /{ $command } funziona nella chat principale del gruppo o nell'argomento General, fuori dalle conversazioni dei clienti.
command-queue = Ticket aperti che ci aspettano, i più vecchi prima
command-mine = I tuoi ticket aperti
command-find = Cerca clienti per nome, @username, id, tag o campo
lobby-queue-header = 📥 <b>Ci aspettano</b>: { $total }
lobby-queue-empty = 📥 Nessun ticket aperto ci aspetta.
lobby-mine-header = 🙋 <b>I tuoi ticket aperti</b>: { $total }
lobby-mine-empty = 🙋 Nessun ticket aperto è assegnato a te.
lobby-find-header = 🔎 <b>{ $query }</b>: { $total } trovati
lobby-find-empty = 🔎 Nessuno corrisponde a “{ $query }”.
lobby-page = Pagina { $page } di { $pages }
lobby-waited = { $stage } da { $duration }
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } g { $hours } h
page-previous = ◀ Precedente
page-next = Successiva ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Uso: nella hall (la chat principale del gruppo o l'argomento Generale del forum), rispondi al messaggio da diffondere con /send &lt;segmento&gt; [at AAAA-MM-GG HH:MM | in 2h]; /send test lo invia prima a te. Segmenti: all, open, closed, tag:x, tag:chiave:valore, origin:x, lang:xx, active:Nd, uniti con + (e) e , (o).
usage-broadcasts = Uso: /broadcasts
command-send = Diffondi il messaggio a cui rispondi a un segmento di clienti
command-broadcasts = Diffusioni programmate e in corso
broadcast-only-in-lobby = /send funziona nella hall: la chat principale del gruppo o l'argomento Generale del forum.
broadcast-test-sent = 📨 Una copia di prova sta arrivando nella tua chat privata con il bot.
broadcast-test-failed = La copia di prova non ti è arrivata: { $reason }. Invia prima /start al bot in privato.
broadcast-bad-segment = “{ $term }” non è un segmento. Usa all, open, closed, tag:x, tag:chiave:valore, origin:x, lang:xx o active:Nd, uniti con + (e) e , (o). Non è stato inviato nulla.
broadcast-bad-time = Impossibile leggere l'orario: scrivi “at 2026-12-24 09:00” o “in 2h” dopo il segmento. Non è stato inviato nulla.
broadcast-past-time = Quell'orario è già passato. Non è stato inviato nulla.
broadcast-preview = 📣 Diffusione n. { $id } a { $count } cliente/i in { $segment }, { $when }. Non parte nulla prima che tu prema Invia.
broadcast-when-now = appena premi Invia
broadcast-when-at = il { $at }
broadcast-scheduled = ⏰ Diffusione n. { $id } a { $segment }: programmata per il { $at } ({ $count } cliente/i all'anteprima).
broadcast-running = 📣 Diffusione n. { $id } a { $segment }: { $bar } · { $done }/{ $total } · { $failed } non consegnati · mancano circa { $left }
broadcast-paused = ⏸ Diffusione n. { $id } a { $segment }: in pausa a { $done }/{ $total }.
broadcast-cancelled = 🚫 Diffusione n. { $id } a { $segment }: annullata dopo { $done }/{ $total }.
broadcast-done = ✅ Diffusione n. { $id } a { $segment } completata in { $duration }: { $sent } consegnati, { $blocked } hanno bloccato il bot (ora segnalati), { $failed } falliti, { $uncertain } incerti (il bot si è fermato durante l'invio; mai inviato due volte).
broadcast-failures = Errori: { $reasons }
broadcasts-none = Nessuna diffusione programmata, in corso o in pausa.
broadcast-button-send = ✅ Invia
broadcast-button-cancel = ✖️ Annulla
broadcast-button-pause = ⏸ Pausa
broadcast-button-resume = ▶️ Riprendi
broadcast-now-counting = Conteggio dei destinatari.
broadcast-now-draft = In attesa di Invia.
broadcast-now-scheduled = Programmata.
broadcast-now-running = Invio in corso.
broadcast-now-paused = In pausa.
broadcast-now-done = Completata.
broadcast-now-cancelled = Annullata: non parte più nulla.
broadcast-unchanged = Questa diffusione è { $status }: quel pulsante ora non fa nulla.
broadcast-status-counting = in conteggio
broadcast-status-draft = in attesa di Invia
broadcast-status-scheduled = programmata
broadcast-status-running = in corso
broadcast-status-paused = in pausa
broadcast-status-done = completata
broadcast-status-cancelled = annullata
customer-opted-out = Non riceverai più i nostri annunci. Invia /start per riceverli di nuovo. Puoi sempre scriverci qui.
customer-opted-in = Riceverai di nuovo i nostri annunci. Invia /stop per interromperli.
notice-answers-broadcast = ↩️ In risposta alla diffusione n. { $id }
notice-broadcast-reached = 📣 Il broadcast #{ $id } ha raggiunto questo cliente.
notice-broadcast-reached-link = 📣 Il <a href="{ $link }">broadcast #{ $id }</a> ha raggiunto questo cliente.
## Valutazioni
rating-request = Come abbiamo gestito la tua richiesta n. { $number }? Dacci un voto da 1 (male) a 5 (ottimo).
rating-thanks = Grazie per la tua valutazione!
rating-too-late = Questa valutazione non può più essere modificata.
notice-customer-rated = ⭐ Il cliente ha valutato il ticket n. { $number }: { $score }/5
card-rating = ⭐ valutato { $score }/5
card-opted-out = 🔕 non riceve i messaggi broadcast
card-human-handling = 🧑‍💼 gestione umana: il bot è in pausa per questo cliente

## /export (administrators, in the lobby)
usage-export = Uso: /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-GG], nella chat principale del gruppo o nell'argomento Generale (solo amministratori). Segmenti come per /send: open, closed, tag:x, origin:x, lang:xx, active:Nd, uniti con + e ,. Esempio: /export customers csv tag:vip since 2026-11-01
command-export = Esporta clienti, ticket o diffusioni come file
export-failed = Impossibile inviare l'esportazione: { $reason }
export-kind-customers = Clienti
export-kind-tickets = Ticket
export-kind-broadcasts = Diffusioni
export-caption = 📦 { $kind } (righe: { $rows })
export-part = {" "}(parte { $part } di { $parts })

## /import (administrators, in the lobby)
usage-import = Uso: rispondi a un documento CSV o JSON lines (ad esempio un'esportazione dei clienti) con /import, nella chat principale del gruppo o nell'argomento Generale (solo amministratori). Colonne: customer_id e a scelta name, username, language, tags (unite con ;), notes, field:&lt;nome&gt;.
command-import = Importa clienti da un documento CSV o JSON lines
import-failed = Impossibile leggere il documento: { $reason }
import-needs-document = Rispondi a un documento CSV o JSON lines con /import.
import-not-csv = Nulla importato: questo documento non è né CSV né JSON lines.
import-too-large = Nulla importato: il documento supera i 20 MB che i bot possono scaricare. Dividilo in file più piccoli.
import-no-id-column = Nulla importato: il file non ha la colonna customer_id (JSON lines: nessuna chiave id).
import-wrong-columns = Nulla importato: colonne sconosciute { $columns }. Attese: customer_id, name, username, language, tags, notes e field:&lt;nome&gt; (first_seen e banned sono ignorate).
import-empty = Nulla importato: il file non ha righe.
import-problems = Nulla importato: { $total } righe hanno problemi. Correggile e invia di nuovo il file.
import-problem-line = Riga { $line }: { $problem }
import-more-problems = … e altre { $count }.
import-row-malformed = la riga non si può leggere
import-row-bad-id = «{ $id }» non è un id utente
import-row-group-id = { $id } è un gruppo o un canale, non una persona
import-row-duplicate = lo stesso id utente della riga { $first }
import-row-bad-tag = «{ $tag }» non è un'etichetta valida
import-row-bad-field = il campo «{ $field }» ha un nome o un valore non valido
import-row-too-many-fields = troppi campi di contatto per un cliente
import-row-too-many-tags = troppe etichette per un cliente
import-row-bad-language = «{ $language }» non è un codice di lingua
import-preview = 📥 Importazione: { $new } nuovi clienti, { $updated } clienti noti aggiornati. Non viene inviato nulla a nessuno. Applicare?
import-apply-button = Applica
import-cancel-button = Annulla
import-applied = ✅ Importato: { $new } nuovi clienti, { $updated } clienti noti aggiornati.
import-cancelled = Importazione annullata: nulla è cambiato.
import-admins-only = Solo gli amministratori della chat del team possono applicare o annullare un'importazione.
imported-not-written = 📥 Importato; non ha ancora scritto.

## Erasure (/forget, team language)
command-forget = Dimentica questo cliente: cancella tutto ciò che è conservato su di lui (amministratori)
usage-forget = Uso: /forget, nel thread di un cliente (solo amministratori).
forget-ask = 🗑 Dimenticare questo cliente? Tutto ciò che threadesk conserva su di lui viene cancellato per sempre: la scheda, i ticket e le statistiche, le valutazioni, i tag, i campi, i collegamenti dei messaggi, i timer, i messaggi in coda e i registri delle trasmissioni. I messaggi di questo thread restano su Telegram.
forget-button = 🗑 Dimentica
forget-button-cancel = Annulla
forget-cancelled = Non è stato cancellato nulla.
forget-nothing = Questo cliente è già stato dimenticato.
forgotten = 🗑 Cliente dimenticato. Rimossi: la scheda, { $tickets } ticket con le loro statistiche e { $ratings } valutazione/i, { $tags } tag, { $fields } campo/i, { $links } collegamento/i di messaggi, { $threads } riferimento/i di scheda e thread, { $timers } timer, { $queued } messaggio/i o modifica/he in coda, { $broadcasts } registro/i di trasmissione.
forgotten-kept = I messaggi di questo thread restano su Telegram: cancellali lì se devono sparire anche loro. Se questa persona scrive di nuovo, ricomincia da zero come nuovo cliente.
