# threadesk — français (fr). Les messages utilisent le HTML de Telegram : les arguments arrivent échappés, et chaque balise
# doit être fermée sur la ligne qui l’ouvre.

## La fiche du client dans le canal (langue de l’équipe)
card-ticket = Ticket #{ $number }
card-status-open = ouvert
card-stage-new = nouveau, sans réponse (depuis { $since })
card-stage-waiting-us = attend l’équipe depuis { $since }
card-stage-waiting-customer = attend le client depuis { $since }
card-assignee = attribué à { $name }
card-status-closed = fermé par { $by } le { $at }
card-status-closed-auto = fermé automatiquement le { $at }
card-priority = priorité : { $priority }
card-language = langue : { $language }
customer-pseudonym = Client { $code }
card-erased = 🗑 effacé
card-origin = origine : { $origin }
card-opened = ouvert le { $at }
card-banned = 🚫 banni (messages retenus : { $muted })
card-blocked = ⛔ a bloqué le bot
card-deactivated = ⛔ compte supprimé

## Noms des priorités, niveaux 0 à 3 (également acceptés par /p, dans toutes les langues)
priority-0 = basse
priority-1 = normale
priority-2 = haute
priority-3 = urgente

## Ce qu’un client a envoyé et qui ne peut pas être copié
kind-quiz = un quiz
kind-invoice = une facture
kind-paid-media = un média payant
kind-giveaway = un tirage au sort
kind-game = un jeu
kind-service = un message de service
kind-unsupported = un type de message que ce bot ne connaît pas

## Pourquoi un envoi n’a pas été remis
failure-blocked = le client a bloqué le bot
failure-deactivated = le compte du client a été supprimé
failure-not-started = cet utilisateur n’a jamais démarré le bot
failure-rejected = Telegram l’a refusé ({ $reason })
failure-thread-gone = le fil du client a été supprimé
failure-workspace-changed = l’équipe a changé d’espace de travail avant l’envoi

## Notes dans le fil d’un client et dans le chat de l’équipe (langue de l’équipe)
notice-uncopyable = ⚠️ Le client a envoyé { $kind }, que Telegram ne permet pas aux bots de copier.
notice-not-delivered = ⚠️ Non remis : { $reason }.
notice-not-copied = ⚠️ Un message du client n’a pas pu être copié ici : { $reason }.
notice-unformatted = ⚠️ Ce message n’a pas pu être affiché avec sa mise en forme : { $reason }. Le voici en texte brut :
notice-customer-edited = ✏️ Le client a modifié ce message :
notice-customer-blocked = ⛔ Le client a bloqué le bot. Les messages ne lui parviendront plus tant qu’il ne l’aura pas redémarré.
notice-customer-back = ✅ Le client peut de nouveau recevoir des messages.
notice-existing-bot-deleted = 🗑 Le bot a supprimé ce message dans la conversation du client.
existing-bot-label = 🤖 bot :
notice-customer-came-back = ↩️ Le client est revenu par le lien { $origin }.
notice-ticket-opened = 🎫 Ticket #{ $number } ouvert.
notice-ticket-opened-origin = 🎫 Ticket #{ $number } ouvert (origine : { $origin }).
notice-ticket-opened-by = 🎫 Ticket #{ $number } ouvert par { $by }.
notice-ticket-opened-by-team = 🎫 Ticket #{ $number } ouvert par l’équipe.
notice-thread-missing = ⚠️ La fiche de { $name } (id { $customer }) a été publiée dans le canal, mais son fil de commentaires n’est pas apparu : des messages sont donc en attente ({ $waiting }). Vérifiez que le groupe de discussion du canal est bien ce groupe et que le bot y est administrateur (ou que le mode confidentialité est désactivé). La fiche sera publiée à nouveau ; rien n’est perdu.
notice-thread-missing-hidden = ⚠️ La fiche de { $name } a été publiée dans le canal, mais son fil de commentaires n’est pas apparu : des messages sont donc en attente ({ $waiting }). Vérifiez que le groupe de discussion du canal est bien ce groupe et que le bot y est administrateur (ou que le mode confidentialité est désactivé). La fiche sera publiée à nouveau ; rien n’est perdu.
notice-ticket-closed = ✅ Ticket #{ $number } fermé par { $by }.
notice-ticket-closed-note = ✅ Ticket #{ $number } fermé par { $by } : { $note }
notice-ticket-closed-auto = ✅ Ticket #{ $number } fermé automatiquement.
notice-ticket-already-closed = Le ticket #{ $number } est déjà fermé. Le suivant s’ouvrira quand le client écrira de nouveau ou quand un commentaire d’ici lui sera envoyé.
notice-priority-set = Priorité réglée sur { $priority }.
notice-banned = 🚫 Client banni : ses messages ne seront pas relayés.
notice-banned-reason = 🚫 Client banni ({ $reason }) : ses messages ne seront pas relayés.
notice-already-banned = Le client est déjà banni.
notice-unbanned = ✅ Bannissement levé. Messages retenus pendant le bannissement : { $muted }.
notice-not-banned = Le client n’est pas banni.
notice-banned-customer-wrote = 🔇 Le client banni a écrit de nouveau (message non relayé ; total jusqu’ici : { $muted }).
notice-thread-recreated = ♻️ Le fil précédent de ce client a été supprimé ; la conversation continue ici.
notice-card-deleted = ⚠️ La fiche de ce client a été supprimée : elle n’affiche plus l’état du ticket. La conversation continue dans ce fil.
notice-history-moved = 📁 L’équipe a changé d’espace de travail. L’historique antérieur de ce client reste dans son ancien fil ({ $previous }) :
notice-history-moved-unknown = 📁 L’équipe a changé d’espace de travail. L’historique antérieur de ce client reste dans l’ancien.
notice-team-messages-wait = ⏳ Le bot ne peut pas vérifier pour l’instant qui fait partie de l’équipe (il a peut-être perdu ses droits dans la discussion de l’équipe, ou Telegram est en panne). Les messages de ce fil attendent et seront envoyés, dans l’ordre, dès que possible.

## Réponses aux commandes de l’équipe (langue de l’équipe)
canned-saved = 💾 Réponse type « { $title } » enregistrée. Pour l’utiliser, tapez le @username du bot suivi d’un mot du titre dans n’importe quelle discussion.
canned-replaced = 💾 Réponse type « { $title } » mise à jour.
canned-deleted = 🗑 Réponse type « { $title } » supprimée.
canned-renamed = ✏️ La réponse type « { $from } » s’appelle désormais « { $to } ».
canned-not-found = Aucune réponse type ne s’appelle « { $title } ». Envoyez /respostas pour les voir toutes.
canned-title-taken = Une autre réponse type s’appelle déjà « { $title } ».
canned-unsupported = Ce type de message ne peut pas être envoyé en mode inline, il ne peut donc pas être enregistré. Enregistrez un texte, une photo, une vidéo, un GIF, un document, un fichier audio, un message vocal ou un sticker.
canned-list-header = <b>Réponses types</b> ({ $count }) :
canned-list-empty = Aucune réponse type pour l’instant. Répondez à un message avec /resposta &lt;titre&gt; pour l’enregistrer.
usage-fim = Utilisation : /fim [note de clôture], dans le fil d’un client.
usage-p = Utilisation : /p &lt;niveau&gt; : 0 basse, 1 normale, 2 haute, 3 urgente (les noms fonctionnent aussi).
usage-ban = Utilisation : /ban [motif], dans le fil d’un client.
usage-unban = Utilisation : /unban, dans le fil d’un client.
usage-resposta = Utilisation : répondez au message à enregistrer avec /resposta &lt;titre&gt; (64 caractères maximum).
usage-respostas = Utilisation : /respostas
usage-resposta-apagar = Utilisation : /resposta_apagar &lt;titre&gt;
usage-resposta-renomear = Utilisation : /resposta_renomear &lt;ancien titre&gt; = &lt;nouveau titre&gt;
usage-help = Utilisation : /help
usage-new = Utilisation : /new &lt;id utilisateur&gt;, dans le sujet Général ou la discussion principale du groupe.
wrong-place = /{ $command } fonctionne dans la conversation d’un client : le fil de commentaires de sa fiche, ou son sujet du forum.
unknown-command = Commande inconnue : /{ $command }. Envoyez /help pour voir la liste.
command-needs-admins = Seuls les administrateurs du chat de l’équipe peuvent utiliser /{ $command }.
command-needs-members = Seuls les membres de l’équipe peuvent utiliser /{ $command }.
command-team-only = /{ $command } est une commande de l’équipe : seuls les membres du chat de l’équipe peuvent l’utiliser.
notice-new-opening = 🆕 Ouverture d’un fil pour { $name }.
notice-new-already-open = { $name } a déjà un ticket ouvert.
notice-new-already-open-link = { $name } a déjà un ticket ouvert : <a href="{ $link }">ouvrir le fil</a>.
notice-new-impossible = L’utilisateur { $user } n’a jamais écrit au bot (ou l’a bloqué) : le bot ne peut pas lui écrire en premier. Demandez-lui d’envoyer /start au bot.
team-help =
    <b>Commandes de l’équipe</b>
    Dans le fil d’un client :
    /fim [note] ou /close [note] : fermer le ticket
    /p &lt;0-3&gt; : définir la priorité (basse, normale, haute, urgente)
    /ban [motif] et /unban : arrêter ou reprendre le relais des messages du client
    /mark étiquette … et /mark -étiquette : ajouter ou retirer des étiquettes du client (etape:paye remplace etape:lead) ; /mark seul les liste
    /assign [@username ou id utilisateur] et /unassign : confier le ticket à un membre de l'équipe (vous, par défaut), ou à personne
    /set &lt;champ&gt; &lt;valeur&gt; et /unset &lt;champ&gt; : les champs de contact du client
    /info : champs, étiquettes, tickets, origines et premier contact du client
    /say &lt;titre&gt; : envoie une réponse enregistrée au client, avec {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} et {"{"}tag:…{"}"} remplis
    /forget : effacer tout ce qui est conservé sur le client (administrateurs ; demande confirmation)
    Partout dans ce groupe :
    /resposta &lt;titre&gt;, en réponse à un message : l’enregistrer comme réponse type
    /respostas : lister les réponses types
    /resposta_apagar &lt;titre&gt; : en supprimer une
    /resposta_renomear &lt;ancien&gt; = &lt;nouveau&gt; : en renommer une
    /new &lt;id utilisateur&gt; : ouvrir un fil pour un client qui a déjà écrit au bot
    /stats [période] : tickets, délais de réponse et de résolution et la part de chaque membre, en graphique (today, 7d, 30d, month ou 2026-11-01..2026-11-30)
    Dans la discussion principale du groupe ou le sujet General :
    /queue : tickets ouverts qui nous attendent, les plus anciens d'abord ; /mine : les vôtres ; /find &lt;texte&gt; : clients par nom, @username, id, étiquette ou valeur de champ
    /send &lt;segment&gt; [at … | in …], en réponse à un message dans le hall : le diffuser (/send test : d'abord à vous) ; /broadcasts : les diffusions programmées et en cours
    /export [customers | tickets | broadcasts] [csv | jsonl] [segment] [since AAAA-MM-JJ] (administrateurs) : les données en document
    /import, en réponse à un document CSV ou JSON lines (administrateurs) : fusionner étiquettes, champs, langue et notes des clients après un aperçu
    Les messages qui commencent par // restent dans le fil et ne parviennent jamais au client.
    Réponses types : tapez le @username du bot dans n’importe quelle discussion, puis un mot du titre.

## Messages privés aux administrateurs (langue de l’équipe)
admin-ticket-opened = 🔔 Ticket #{ $number } : <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = origine : { $origin }
admin-ticket-link = <a href="{ $link }">Ouvrir le fil</a>

## Messages aux clients (langue du client)
notice-team-edited = ✏️ Message modifié :
notice-customer-message-failed = Désolés, votre dernier message n’a pas pu être transmis à notre équipe. Merci de le renvoyer.
customer-welcome = Bonjour ! Envoyez-nous votre question : notre équipe vous répondra ici dès que possible.
customer-welcome-back = Bon retour parmi nous ! Notre équipe vous répondra ici très bientôt.
customer-still-here = Nous sommes toujours là : votre conversation est ouverte et notre équipe vous répondra dans ce chat.
customer-goodbye = Votre demande a été clôturée. Merci ! N’hésitez pas à nous écrire de nouveau en cas de besoin.
customer-banned = Vos messages ne sont plus transmis à notre équipe.
customer-help = Écrivez simplement votre message ici : notre équipe lit chaque message et vous répond dans cette discussion.
admin-notifications-on = Vous recevrez un message ici chaque fois qu’un client ouvrira un ticket.
membership-unchecked = Le bot n’a pas pu vérifier si vous faites partie de l’équipe : aucune réponse type n’a donc été proposée. Réessayez dans un instant ; si cela continue, demandez à un administrateur de vérifier les droits du bot dans la discussion de l’équipe.
inline-membership-unchecked = ⏳ Impossible de vérifier l’équipe pour l’instant ; réessayez bientôt

## Menus des commandes
command-start = Démarrer une conversation
command-help = Comment ça marche
command-fim = Fermer le ticket
command-close = Fermer le ticket (comme /fim)
command-p = Définir la priorité (0-3)
command-ban = Ne plus relayer les messages de ce client
command-unban = Relayer à nouveau les messages de ce client
command-resposta = Enregistrer le message cité comme réponse type
command-respostas = Lister les réponses types
command-resposta-apagar = Supprimer une réponse type
command-resposta-renomear = Renommer une réponse type
command-new = Ouvrir un fil pour un client par son id
command-team-help = Commandes de l’équipe
notice-sent-via-api = 🔌 via l’API : {$token}
notice-canned-said = 💬 /say « { $title } » envoyé au client :

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = Ce bouton a expiré. Redemandez-le pour en obtenir un nouveau.
button-team-only = Ce bouton est réservé à l’équipe de support.
button-membership-unchecked = Le bot ne peut pas vérifier maintenant si vous faites partie de l’équipe. Réessayez dans un instant.
## Étiquettes, champs de contact et attribution (langue de l'équipe ; jamais montrés au client)
tags-list = 🏷 Étiquettes : { $tags }
tags-none = 🏷 Aucune étiquette pour l'instant.
tag-invalid = « { $tag } » n'est pas une étiquette valide : 1 à 32 lettres, chiffres, _, - ou :, sans commencer ni finir par :.
tags-too-many = Un client a au plus { $max } étiquettes : retirez-en une d'abord.
field-invalid-name = « { $name } » n'est pas un nom de champ valide : 1 à 32 caractères parmi a-z, 0-9 et _.
field-invalid-value = La valeur d'un champ fait de 1 à { $max } caractères.
fields-too-many = Un client a au plus { $max } champs : supprimez-en un avec /unset d'abord.
field-set = 📇 { $name } vaut maintenant « { $value } ».
field-unset = 📇 { $name } supprimé.
field-not-set = Ce client n'a pas de champ { $name }.
info-first-contact = premier contact { $at }
info-tickets = { $count } ticket(s)
info-current = actuel #{ $number }, { $stage }
info-origins = origines : { $origins }
info-no-tags = aucune étiquette
info-no-fields = aucun champ de contact
stage-new = nouveau
stage-waiting-us = attend l'équipe
stage-waiting-customer = attend le client
stage-closed = fermé
assigned = 👤 Attribué à { $name }.
unassigned = 👤 { $name } n'est plus attribué : personne ne s'occupe de ce ticket.
unassigned-nobody = Ce ticket n'était attribué à personne.
not-on-team = { $who } n'est pas un membre de l'équipe que le bot connaît. Seuls les membres du chat de l'équipe peuvent être attribués ; le bot les connaît dès qu'ils y ont écrit (les administrateurs toujours).
assign-needs-account = Vous écrivez anonymement (ou en tant que canal) : il n'y a pas de compte à attribuer. Utilisez /assign @username ou /assign &lt;id utilisateur&gt;.
assignee-ping = 🔔 { $name } a écrit dans le ticket #{ $number }, qui vous est attribué : il attend l'équipe.
usage-mark = Utilisation : /mark étiquette …, /mark -étiquette …, ou /mark seul pour les lister, dans le fil d'un client. Une étiquette fait 1 à 32 lettres, chiffres, _, - ou : (etape:paye remplace etape:lead).
usage-assign = Utilisation : /assign (vous), /assign @username ou /assign &lt;id utilisateur&gt;, dans le fil d'un client.
usage-unassign = Utilisation : /unassign, dans le fil d'un client.
usage-set = Utilisation : /set &lt;champ&gt; &lt;valeur&gt;, dans le fil d'un client (champ : 1 à 32 caractères parmi a-z, 0-9 et _ ; valeur jusqu'à 256 caractères).
usage-unset = Utilisation : /unset &lt;champ&gt;, dans le fil d'un client.
usage-info = Utilisation : /info, dans le fil d'un client.
usage-say = Utilisation : /say &lt;titre d'une réponse enregistrée&gt;, dans le fil d'un client.
command-mark = Ajouter, retirer ou lister les étiquettes du client
command-assign = Attribuer le ticket (vous, @username ou id)
command-unassign = Laisser le ticket sans attribution
command-set = Définir un champ de contact du client
command-unset = Supprimer un champ de contact du client
command-info = Ce que l'équipe sait du client
command-say = Envoyer une réponse enregistrée au client, variables remplies
## Rapports (langue de l'équipe)
command-stats = Statistiques avec graphique (today, 7d, 30d, month)
usage-stats = Utilisation : /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = « { $period } » n'est pas une période : utilisez today, 7d, 30d, month ou un intervalle comme 2026-11-01..2026-11-30.
period-reversed = La période « { $period } » finit avant de commencer ou se situe dans le futur.
period-too-long = La période « { $period } » dépasse un an : demandez au plus 366 jours.
report-failed = Le rapport n'a pas pu être envoyé : { $reason }
report-title = 📊 <b>Rapport { $period }</b> ({ $zone })
report-tickets = Tickets : { $opened } ouverts, { $closed } fermés, { $open } encore ouverts
report-reopened = Clients revenus moins d'un jour après la fermeture : { $count }
report-first-response = Première réponse : médiane { $median }, p90 { $p90 } ({ $count } tickets)
report-resolution = Résolution : médiane { $median }, p90 { $p90 } ({ $count } tickets)
report-no-times = aucun sur cette période
report-business-hours = Les délais ne comptent que les heures ouvrées ({ $hours }).
report-all-hours = Les délais comptent toutes les heures de la journée.
report-busiest = Heures les plus chargées : { $hours }
report-origins = Par origine : { $list }
report-origin-direct = direct
report-tags = Par étiquette à la fermeture : { $list }
report-team = <b>Équipe</b>
report-member = { $name } : { $replies } réponses, { $closed } fermés, première réponse { $median }
report-no-team = Aucune réponse de l'équipe sur cette période.
report-ratings = Notes : { $average } en moyenne sur { $count }, { $good } % ont donné 4 ou 5
report-no-ratings = Notes : aucune sur cette période
chart-per-day = Tickets par jour, { $period }
chart-opened = ouverts
chart-closed = fermés
chart-first-response = Délai de première réponse
chart-replies = Réponses par membre de l'équipe
chart-no-data = aucune donnée

## Listes du hall (langue de l'équipe)
usage-queue = Usage : /queue, dans la discussion principale du groupe ou le sujet General : les tickets ouverts qui nous attendent, les plus anciens d'abord.
usage-mine = Usage : /mine, dans la discussion principale du groupe ou le sujet General : les tickets ouverts qui vous sont attribués (depuis votre propre compte, pas anonymement).
usage-find = Usage : /find &lt;texte&gt;, dans la discussion principale du groupe ou le sujet General : clients par nom, @username, id, étiquette ou valeur de champ (40 lettres au plus ; les lettres hors a-z comptent double).
wrong-place-lobby = /{ $command } fonctionne dans la discussion principale du groupe ou le sujet General, hors des conversations des clients.
command-queue = Tickets ouverts qui nous attendent, les plus anciens d'abord
command-mine = Vos tickets ouverts
command-find = Chercher des clients par nom, @username, id, étiquette ou champ
lobby-queue-header = 📥 <b>Nous attendent</b> : { $total }
lobby-queue-empty = 📥 Aucun ticket ouvert ne nous attend.
lobby-mine-header = 🙋 <b>Vos tickets ouverts</b> : { $total }
lobby-mine-empty = 🙋 Aucun ticket ouvert ne vous est attribué.
lobby-find-header = 🔎 <b>{ $query }</b> : { $total } trouvés
lobby-find-empty = 🔎 Personne ne correspond à « { $query } ».
lobby-page = Page { $page } sur { $pages }
lobby-waited = { $stage } depuis { $duration }
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } j { $hours } h
page-previous = ◀ Précédente
page-next = Suivante ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Utilisation : dans le hall (le chat principal du groupe ou le sujet Général du forum), répondez au message à diffuser par /send &lt;segment&gt; [at AAAA-MM-JJ HH:MM | in 2h] ; /send test vous l'envoie d'abord. Segments : all, open, closed, tag:x, tag:clé:valeur, origin:x, lang:xx, active:Nd, joints par + (et) et , (ou).
usage-broadcasts = Utilisation : /broadcasts
command-send = Diffuser le message répondu à un segment de clients
command-broadcasts = Diffusions programmées et en cours
broadcast-only-in-lobby = /send fonctionne dans le hall : le chat principal du groupe ou le sujet Général du forum.
broadcast-test-sent = 📨 Une copie de test part vers votre chat privé avec le bot.
broadcast-test-failed = La copie de test ne vous est pas parvenue : { $reason }. Envoyez d'abord /start au bot en privé.
broadcast-bad-segment = « { $term } » n'est pas un segment. Utilisez all, open, closed, tag:x, tag:clé:valeur, origin:x, lang:xx ou active:Nd, joints par + (et) et , (ou). Rien n'a été envoyé.
broadcast-bad-time = Impossible de lire l'heure : écrivez « at 2026-12-24 09:00 » ou « in 2h » après le segment. Rien n'a été envoyé.
broadcast-past-time = Cette heure est déjà passée. Rien n'a été envoyé.
broadcast-preview = 📣 Diffusion n° { $id } à { $count } client(s) du segment { $segment }, { $when }. Rien ne part avant que vous appuyiez sur Envoyer.
broadcast-when-now = dès que vous appuyez sur Envoyer
broadcast-when-at = le { $at }
broadcast-scheduled = ⏰ Diffusion n° { $id } à { $segment } : programmée le { $at } ({ $count } client(s) à l'aperçu).
broadcast-running = 📣 Diffusion n° { $id } à { $segment } : { $bar } · { $done }/{ $total } · { $failed } non remis · encore environ { $left }
broadcast-paused = ⏸ Diffusion n° { $id } à { $segment } : en pause à { $done }/{ $total }.
broadcast-cancelled = 🚫 Diffusion n° { $id } à { $segment } : annulée après { $done }/{ $total }.
broadcast-done = ✅ Diffusion n° { $id } à { $segment } terminée en { $duration } : { $sent } remis, { $blocked } ont bloqué le bot (désormais signalés), { $failed } en échec, { $uncertain } incertains (le bot s'est arrêté pendant l'envoi ; jamais envoyé deux fois).
broadcast-failures = Échecs : { $reasons }
broadcasts-none = Aucune diffusion programmée, en cours ou en pause.
broadcast-button-send = ✅ Envoyer
broadcast-button-cancel = ✖️ Annuler
broadcast-button-pause = ⏸ Pause
broadcast-button-resume = ▶️ Reprendre
broadcast-now-counting = Décompte des destinataires.
broadcast-now-draft = En attente d'Envoyer.
broadcast-now-scheduled = Programmée.
broadcast-now-running = Envoi en cours.
broadcast-now-paused = En pause.
broadcast-now-done = Terminée.
broadcast-now-cancelled = Annulée : plus rien ne part.
broadcast-unchanged = Cette diffusion est { $status } : ce bouton ne fait plus rien.
broadcast-status-counting = en cours de décompte
broadcast-status-draft = en attente d'Envoyer
broadcast-status-scheduled = programmée
broadcast-status-running = en cours
broadcast-status-paused = en pause
broadcast-status-done = terminée
broadcast-status-cancelled = annulée
customer-opted-out = Vous ne recevrez plus nos annonces. Envoyez /start pour les recevoir à nouveau. Vous pouvez toujours nous écrire ici.
customer-opted-in = Vous recevrez à nouveau nos annonces. Envoyez /stop pour les arrêter.
notice-answers-broadcast = ↩️ En réponse à la diffusion n° { $id }
notice-broadcast-reached = 📣 La diffusion #{ $id } a atteint ce client.
notice-broadcast-reached-link = 📣 La <a href="{ $link }">diffusion #{ $id }</a> a atteint ce client.
## Notes
rating-request = Comment avons-nous traité votre demande n° { $number } ? Notez-nous de 1 (mauvais) à 5 (excellent).
rating-thanks = Merci pour votre note !
rating-too-late = Cette note ne peut plus être modifiée.
notice-customer-rated = ⭐ Le client a noté le ticket n° { $number } : { $score }/5
card-rating = ⭐ noté { $score }/5
card-opted-out = 🔕 ne reçoit plus les diffusions
card-human-handling = 🧑‍💼 prise en charge humaine : le bot est en pause pour ce client

## /export (administrators, in the lobby)
usage-export = Utilisation : /export [customers | tickets | broadcasts] [csv | jsonl] [segment] [since AAAA-MM-JJ], dans la discussion principale du groupe ou le sujet Général (administrateurs seulement). Segments comme pour /send : open, closed, tag:x, origin:x, lang:xx, active:Nd, reliés par + et ,. Exemple : /export customers csv tag:vip since 2026-11-01
command-export = Exporter clients, tickets ou diffusions en fichier
export-failed = L'export n'a pas pu être envoyé : { $reason }
export-kind-customers = Clients
export-kind-tickets = Tickets
export-kind-broadcasts = Diffusions
export-caption = 📦 { $kind } (lignes : { $rows })
export-part = {" "}(partie { $part } sur { $parts })

## /import (administrators, in the lobby)
usage-import = Utilisation : répondez à un document CSV ou JSON lines (un export de clients, par exemple) par /import, dans la discussion principale du groupe ou le sujet Général (administrateurs seulement). Colonnes : customer_id, et au choix name, username, language, tags (reliées par ;), notes, field:&lt;nom&gt;.
command-import = Importer des clients depuis un document CSV ou JSON lines
import-failed = Le document n'a pas pu être lu : { $reason }
import-needs-document = Répondez à un document CSV ou JSON lines par /import.
import-not-csv = Rien d'importé : ce document n'est ni CSV ni JSON lines.
import-too-large = Rien d'importé : le document dépasse les 20 Mo que les bots peuvent télécharger. Découpez-le en fichiers plus petits.
import-no-id-column = Rien d'importé : le fichier n'a pas de colonne customer_id (JSON lines : aucune clé id).
import-wrong-columns = Rien d'importé : colonnes inconnues { $columns }. Attendues : customer_id, name, username, language, tags, notes et field:&lt;nom&gt; (first_seen et banned sont ignorées).
import-empty = Rien d'importé : le fichier n'a aucune ligne.
import-problems = Rien d'importé : { $total } lignes ont des problèmes. Corrigez-les et renvoyez le fichier.
import-problem-line = Ligne { $line } : { $problem }
import-more-problems = … et { $count } de plus.
import-row-malformed = la ligne est illisible
import-row-bad-id = « { $id } » n'est pas un identifiant d'utilisateur
import-row-group-id = { $id } est un groupe ou un canal, pas une personne
import-row-duplicate = le même identifiant qu'à la ligne { $first }
import-row-bad-tag = « { $tag } » n'est pas une étiquette valide
import-row-bad-field = le champ « { $field } » a un nom ou une valeur invalide
import-row-too-many-fields = trop de champs de contact pour un client
import-row-too-many-tags = trop d'étiquettes pour un client
import-row-bad-language = « { $language } » n'est pas un code de langue
import-preview = 📥 Import : { $new } nouveaux clients, { $updated } clients connus mis à jour. Rien n'est envoyé à personne. Appliquer ?
import-apply-button = Appliquer
import-cancel-button = Annuler
import-applied = ✅ Importé : { $new } nouveaux clients, { $updated } clients connus mis à jour.
import-cancelled = Import annulé : rien n'a changé.
import-admins-only = Seuls les administrateurs de la discussion de l'équipe peuvent appliquer ou annuler un import.
imported-not-written = 📥 Importé ; n'a pas encore écrit.

## Erasure (/forget, team language)
command-forget = Oublier ce client : effacer tout ce qui est conservé à son sujet (administrateurs)
usage-forget = Utilisation : /forget, dans le fil d’un client (administrateurs uniquement).
forget-ask = 🗑 Oublier ce client ? Tout ce que threadesk conserve à son sujet sera supprimé définitivement : sa fiche, ses tickets et statistiques, ses notes, étiquettes, champs, liens de messages, minuteries, messages en attente et traces de diffusions. Les messages de ce fil restent dans Telegram.
forget-button = 🗑 Oublier
forget-button-cancel = Annuler
forget-cancelled = Rien n’a été effacé.
forget-nothing = Ce client a déjà été oublié.
forgotten = 🗑 Client oublié. Supprimé : sa fiche, { $tickets } ticket(s) avec leurs statistiques et { $ratings } note(s), { $tags } étiquette(s), { $fields } champ(s), { $links } lien(s) de message, { $threads } référence(s) de fiche et de fil, { $timers } minuterie(s), { $queued } message(s) ou modification(s) en attente, { $broadcasts } trace(s) de diffusion.
forgotten-kept = Les messages de ce fil restent dans Telegram : supprimez-les là-bas s’ils doivent aussi disparaître. Si cette personne écrit à nouveau, elle repart de zéro comme un nouveau client.
