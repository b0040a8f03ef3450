# threadesk — English (en). Messages use Telegram HTML: arguments arrive escaped, and every tag
# must be closed on the line that opens it.

## The customer card in the channel (team language)
card-ticket = Ticket #{ $number }
card-status-open = open
card-stage-new = new, no reply yet (since { $since })
card-stage-waiting-us = waiting for us since { $since }
card-stage-waiting-customer = waiting for the customer since { $since }
card-assignee = assigned to { $name }
card-status-closed = closed by { $by } on { $at }
card-status-closed-auto = closed automatically on { $at }
card-priority = priority: { $priority }
card-language = language: { $language }
customer-pseudonym = Customer { $code }
card-erased = 🗑 erased
card-origin = origin: { $origin }
card-opened = opened { $at }
card-banned = 🚫 banned ({ $muted } muted)
card-blocked = ⛔ blocked the bot
card-deactivated = ⛔ account deleted

## Priority names, levels 0 to 3 (also accepted by /p, in any language)
priority-0 = low
priority-1 = normal
priority-2 = high
priority-3 = urgent

## What a customer sent that cannot be copied
kind-quiz = a quiz
kind-invoice = an invoice
kind-paid-media = paid media
kind-giveaway = a giveaway
kind-game = a game
kind-service = a service message
kind-unsupported = a kind of message this bot does not know

## Why something was not delivered
failure-blocked = the customer blocked the bot
failure-deactivated = the customer's account was deleted
failure-not-started = this user never started the bot
failure-rejected = Telegram refused it ({ $reason })
failure-thread-gone = the customer's thread was deleted
failure-workspace-changed = the team moved to another workspace before it was sent

## Notes in a customer's thread and in the team chat (team language)
notice-uncopyable = ⚠️ The customer sent { $kind }, which Telegram does not let bots copy.
notice-not-delivered = ⚠️ Not delivered: { $reason }.
notice-not-copied = ⚠️ A customer message could not be copied here: { $reason }.
notice-unformatted = ⚠️ This message could not be shown with its formatting: { $reason }. Here it is as plain text:
notice-customer-edited = ✏️ The customer edited this message:
notice-customer-blocked = ⛔ The customer blocked the bot. Messages will not reach them until they start it again.
notice-customer-back = ✅ The customer can receive messages again.
notice-existing-bot-deleted = 🗑 The bot deleted this message in the customer's chat.
existing-bot-label = 🤖 bot:
notice-customer-came-back = ↩️ The customer came back through the link { $origin }.
notice-ticket-opened = 🎫 Ticket #{ $number } opened.
notice-ticket-opened-origin = 🎫 Ticket #{ $number } opened (origin: { $origin }).
notice-ticket-opened-by = 🎫 Ticket #{ $number } opened by { $by }.
notice-ticket-opened-by-team = 🎫 Ticket #{ $number } opened by the team.
notice-thread-missing = ⚠️ The card of { $name } (id { $customer }) was posted in the channel, but its comment thread did not appear, so { $waiting } message(s) are waiting. Check that the channel's discussion group is this group and that the bot is an administrator here (or privacy mode is off). The card will be posted again; nothing is lost.
notice-thread-missing-hidden = ⚠️ The card of { $name } was posted in the channel, but its comment thread did not appear, so { $waiting } message(s) are waiting. Check that the channel's discussion group is this group and that the bot is an administrator here (or privacy mode is off). The card will be posted again; nothing is lost.
notice-ticket-closed = ✅ Ticket #{ $number } closed by { $by }.
notice-ticket-closed-note = ✅ Ticket #{ $number } closed by { $by }: { $note }
notice-ticket-closed-auto = ✅ Ticket #{ $number } closed automatically.
notice-ticket-already-closed = Ticket #{ $number } is already closed. The next one opens when the customer writes again or when a comment here is sent to them.
notice-priority-set = Priority set to { $priority }.
notice-banned = 🚫 Customer banned: their messages will not be relayed.
notice-banned-reason = 🚫 Customer banned ({ $reason }): their messages will not be relayed.
notice-already-banned = The customer is already banned.
notice-unbanned = ✅ Ban lifted. Messages muted during the ban: { $muted }.
notice-not-banned = The customer is not banned.
notice-banned-customer-wrote = 🔇 The banned customer wrote again (not relayed; { $muted } so far).
notice-thread-recreated = ♻️ This customer's previous thread was deleted; the conversation continues here.
notice-card-deleted = ⚠️ This customer's card was deleted, so it no longer shows the ticket's status. The conversation goes on in this thread.
notice-history-moved = 📁 The team moved to a new workspace. This customer's earlier history stays in their previous thread ({ $previous }):
notice-history-moved-unknown = 📁 The team moved to a new workspace. This customer's earlier history stays in the previous one.
notice-team-messages-wait = ⏳ The bot cannot check right now who is on the team (it may have lost its rights in the team's chat, or Telegram is failing). Messages in this thread wait and will be sent, in order, as soon as it can.

## Answers to team commands (team language)
canned-saved = 💾 Canned reply “{ $title }” saved. To use it, type the bot's @username and a word of the title in any chat.
canned-replaced = 💾 Canned reply “{ $title }” updated.
canned-deleted = 🗑 Canned reply “{ $title }” deleted.
canned-renamed = ✏️ Canned reply “{ $from }” is now “{ $to }”.
canned-not-found = No canned reply is called “{ $title }”. Send /respostas to see them all.
canned-title-taken = Another canned reply is already called “{ $title }”.
canned-unsupported = This kind of message cannot be sent in inline mode, so it cannot be saved. Save a text, photo, video, GIF, document, audio, voice message or sticker.
canned-list-header = <b>Canned replies</b> ({ $count }):
canned-list-empty = No canned replies yet. Reply to a message with /resposta &lt;title&gt; to save it.
usage-fim = Usage: /fim [closing note], in a customer's thread.
usage-p = Usage: /p &lt;level&gt;: 0 low, 1 normal, 2 high, 3 urgent (the names work too).
usage-ban = Usage: /ban [reason], in a customer's thread.
usage-unban = Usage: /unban, in a customer's thread.
usage-resposta = Usage: reply to the message to save with /resposta &lt;title&gt; (up to 64 characters).
usage-respostas = Usage: /respostas
usage-resposta-apagar = Usage: /resposta_apagar &lt;title&gt;
usage-resposta-renomear = Usage: /resposta_renomear &lt;old title&gt; = &lt;new title&gt;
usage-help = Usage: /help
usage-new = Usage: /new &lt;user id&gt;, in the General topic or the group's main chat.
wrong-place = /{ $command } works inside a customer's conversation: the comment thread of their card, or their forum topic.
unknown-command = Unknown command /{ $command }. Send /help for the list.
command-needs-admins = Only administrators of the team's chat may use /{ $command }.
command-needs-members = Only team members may use /{ $command }.
command-team-only = /{ $command } is a team command: only members of the team's chat can use it.
notice-new-opening = 🆕 Opening a thread for { $name }.
notice-new-already-open = { $name } already has an open ticket.
notice-new-already-open-link = { $name } already has an open ticket: <a href="{ $link }">open the thread</a>.
notice-new-impossible = The user { $user } never wrote to the bot (or blocked it), so the bot cannot write to them first. Ask them to send /start to the bot.
team-help =
    <b>Team commands</b>
    In a customer's thread:
    /fim [note] or /close [note]: close the ticket
    /p &lt;0-3&gt;: set the priority (low, normal, high, urgent)
    /ban [reason] and /unban: stop or resume relaying the customer's messages
    /mark tag … and /mark -tag: add or remove the customer's tags (stage:paid replaces stage:lead); /mark alone lists them
    /assign [@username or user id] and /unassign: put a team member (you, by default) in charge, or nobody
    /set &lt;field&gt; &lt;value&gt; and /unset &lt;field&gt;: the customer's contact fields
    /info: the customer's fields, tags, tickets, origins and first contact
    /say &lt;title&gt;: send a canned reply to the customer, with {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} and {"{"}tag:…{"}"} filled
    /forget: erase everything stored about the customer (administrators; asks first)
    Anywhere in this group:
    /resposta &lt;title&gt;, replying to a message: save it as a canned reply
    /respostas: list the canned replies
    /resposta_apagar &lt;title&gt;: delete one
    /resposta_renomear &lt;old&gt; = &lt;new&gt;: rename one
    /new &lt;user id&gt;: open a thread for a customer who wrote to the bot before
    /stats [period]: tickets, response and resolution times and each member's share, as a chart (today, 7d, 30d, month or 2026-11-01..2026-11-30)
    In the group's main chat or the General topic:
    /queue: open tickets waiting for us, oldest first; /mine: yours; /find &lt;text&gt;: customers by name, @username, id, tag or field value
    /send &lt;segment&gt; [at … | in …], replying to a message in the lobby: broadcast it (/send test: to you first); /broadcasts: scheduled and running ones
    /export [customers | tickets | broadcasts] [csv | jsonl] [segment] [since YYYY-MM-DD] (administrators): the data as a document
    /import, replying to a CSV or JSON lines document (administrators): merge customers' tags, fields, language and notes after a preview
    Messages starting with // stay in the thread and never reach the customer.
    Canned replies: type the bot's @username in any chat, then a word of the title.

## Private messages to administrators (team language)
admin-ticket-opened = 🔔 Ticket #{ $number }: <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = origin: { $origin }
admin-ticket-link = <a href="{ $link }">Open the thread</a>

## Messages to customers (customer language)
notice-team-edited = ✏️ Edited:
notice-customer-message-failed = Sorry, your last message could not be delivered to our team. Please send it again.
customer-welcome = Hello! Send us your question and our team will answer here as soon as possible.
customer-welcome-back = Welcome back! Our team will answer here shortly.
customer-still-here = We are still here: your conversation is open and our team will answer in this chat.
customer-goodbye = Your request has been closed. Thank you! Write again whenever you need us.
customer-banned = Your messages are no longer being delivered to our team.
customer-help = Just write your message here: our team reads every message and answers in this chat.
admin-notifications-on = You will get a message here whenever a customer opens a ticket.
membership-unchecked = The bot could not check whether you are on the team, so no canned reply was shown. Try again in a moment; if it keeps happening, ask an administrator to check the bot's rights in the team's chat.
inline-membership-unchecked = ⏳ Cannot check team membership now; try again soon

## Command menus
command-start = Start a conversation
command-help = How this works
command-fim = Close the ticket
command-close = Close the ticket (same as /fim)
command-p = Set the priority (0-3)
command-ban = Stop relaying this customer
command-unban = Resume relaying this customer
command-resposta = Save the replied message as a canned reply
command-respostas = List the canned replies
command-resposta-apagar = Delete a canned reply
command-resposta-renomear = Rename a canned reply
command-new = Open a thread for a customer by user id
command-team-help = Team commands
notice-sent-via-api = 🔌 via API: {$token}
notice-canned-said = 💬 /say “{ $title }” sent to the customer:

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = This button has expired. Ask again for a fresh one.
button-team-only = This button is for the support team only.
button-membership-unchecked = The bot cannot check your team membership right now. Try again in a moment.
## Tags, contact fields and assignment (team language; never shown to customers)
tags-list = 🏷 Tags: { $tags }
tags-none = 🏷 No tags yet.
tag-invalid = “{ $tag }” is not a valid tag: 1-32 letters, digits, _, - or :, not starting or ending with :.
tags-too-many = A customer keeps at most { $max } tags: remove one first.
field-invalid-name = “{ $name }” is not a valid field name: 1-32 of a-z, 0-9 and _.
field-invalid-value = A field's value is 1 to { $max } characters.
fields-too-many = A customer keeps at most { $max } fields: remove one with /unset first.
field-set = 📇 { $name } set to “{ $value }”.
field-unset = 📇 { $name } removed.
field-not-set = This customer has no field { $name }.
info-first-contact = first contact { $at }
info-tickets = { $count } ticket(s)
info-current = current #{ $number }, { $stage }
info-origins = origins: { $origins }
info-no-tags = no tags
info-no-fields = no contact fields
stage-new = new
stage-waiting-us = waiting for us
stage-waiting-customer = waiting for the customer
stage-closed = closed
assigned = 👤 Assigned to { $name }.
unassigned = 👤 { $name } is no longer assigned: nobody is in charge of this ticket.
unassigned-nobody = Nobody was assigned to this ticket.
not-on-team = { $who } is not a team member the bot knows. Only members of the team's chat can be assigned; the bot knows them once they have written in it (administrators always).
assign-needs-account = You are writing anonymously (or as the channel), so there is no account to assign: use /assign @username or /assign &lt;user id&gt;.
assignee-ping = 🔔 { $name } wrote in ticket #{ $number }, assigned to you: it waits for the team.
usage-mark = Usage: /mark tag …, /mark -tag …, or /mark alone to list the tags, in a customer's thread. A tag is 1-32 letters, digits, _, - or : (stage:paid replaces stage:lead).
usage-assign = Usage: /assign (yourself), /assign @username or /assign &lt;user id&gt;, in a customer's thread.
usage-unassign = Usage: /unassign, in a customer's thread.
usage-set = Usage: /set &lt;field&gt; &lt;value&gt;, in a customer's thread (a field is 1-32 of a-z, 0-9 and _; a value up to 256 characters).
usage-unset = Usage: /unset &lt;field&gt;, in a customer's thread.
usage-info = Usage: /info, in a customer's thread.
usage-say = Usage: /say &lt;title of a canned reply&gt;, in a customer's thread.
command-mark = Add, remove or list the customer's tags
command-assign = Assign the ticket (you, @username or a user id)
command-unassign = Leave the ticket unassigned
command-set = Set a contact field of the customer
command-unset = Remove a contact field of the customer
command-info = What the team knows about the customer
command-say = Send a canned reply to the customer, variables filled
## Reports (team language)
command-stats = Statistics with a chart (today, 7d, 30d, month)
usage-stats = Usage: /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = “{ $period }” is not a period: use today, 7d, 30d, month, or a range such as 2026-11-01..2026-11-30.
period-reversed = The period “{ $period }” ends before it starts or lies in the future.
period-too-long = The period “{ $period }” is longer than a year: ask for at most 366 days.
report-failed = The report could not be sent: { $reason }
report-title = 📊 <b>Report { $period }</b> ({ $zone })
report-tickets = Tickets: { $opened } opened, { $closed } closed, { $open } still open
report-reopened = Customers back within a day of closing: { $count }
report-first-response = First response: median { $median }, p90 { $p90 } ({ $count } tickets)
report-resolution = Resolution: median { $median }, p90 { $p90 } ({ $count } tickets)
report-no-times = none in this period
report-business-hours = Times count working hours only ({ $hours }).
report-all-hours = Times count every hour of the day.
report-busiest = Busiest hours: { $hours }
report-origins = By origin: { $list }
report-origin-direct = direct
report-tags = By tag at closing: { $list }
report-team = <b>Team</b>
report-member = { $name }: { $replies } replies, { $closed } closed, first response { $median }
report-no-team = No team replies in this period.
report-ratings = Ratings: { $average } on average from { $count }, { $good }% gave 4 or 5
report-no-ratings = Ratings: none in this period
chart-per-day = Tickets per day, { $period }
chart-opened = opened
chart-closed = closed
chart-first-response = Time to first response
chart-replies = Replies per team member
chart-no-data = no data

## The lobby's lists (team language)
usage-queue = Usage: /queue, in the group's main chat or the General topic: the open tickets waiting for us, oldest first.
usage-mine = Usage: /mine, in the group's main chat or the General topic: the open tickets assigned to you (from your own account, not anonymously).
usage-find = Usage: /find &lt;text&gt;, in the group's main chat or the General topic: customers by name, @username, id, tag or field value (up to 40 letters; letters outside a-z count double).
wrong-place-lobby = /{ $command } works in the group's main chat or the General topic, outside customers' conversations.
command-queue = Open tickets waiting for us, oldest first
command-mine = Your open tickets
command-find = Find customers by name, @username, id, tag or field
lobby-queue-header = 📥 <b>Waiting for us</b>: { $total }
lobby-queue-empty = 📥 No open ticket is waiting for us.
lobby-mine-header = 🙋 <b>Your open tickets</b>: { $total }
lobby-mine-empty = 🙋 No open ticket is assigned to you.
lobby-find-header = 🔎 <b>{ $query }</b>: { $total } found
lobby-find-empty = 🔎 Nobody matches “{ $query }”.
lobby-page = Page { $page } of { $pages }
lobby-waited = { $stage } for { $duration }
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } d { $hours } h
page-previous = ◀ Previous
page-next = Next ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Usage: in the lobby (the group's main chat or the forum's General topic), reply to the message to broadcast with /send &lt;segment&gt; [at YYYY-MM-DD HH:MM | in 2h]; /send test sends it to you first. Segments: all, open, closed, tag:x, tag:key:value, origin:x, lang:xx, active:Nd, joined with + (and) and , (or).
usage-broadcasts = Usage: /broadcasts
command-send = Broadcast the replied message to a segment of customers
command-broadcasts = Scheduled and running broadcasts
broadcast-only-in-lobby = /send works in the lobby: the group's main chat, or the forum's General topic.
broadcast-test-sent = 📨 A test copy is on its way to your private chat with the bot.
broadcast-test-failed = The test copy did not reach you: { $reason }. Send /start to the bot in a private chat first.
broadcast-bad-segment = “{ $term }” is not a segment. Use all, open, closed, tag:x, tag:key:value, origin:x, lang:xx or active:Nd, joined with + (and) and , (or). Nothing was sent.
broadcast-bad-time = That time cannot be read: write “at 2026-12-24 09:00” or “in 2h” after the segment. Nothing was sent.
broadcast-past-time = That time has already passed. Nothing was sent.
broadcast-preview = 📣 Broadcast #{ $id } to { $count } customer(s) in { $segment }, { $when }. Nothing goes out before you press Send.
broadcast-when-now = as soon as you press Send
broadcast-when-at = at { $at }
broadcast-scheduled = ⏰ Broadcast #{ $id } to { $segment }: scheduled for { $at } ({ $count } customer(s) when previewed).
broadcast-running = 📣 Broadcast #{ $id } to { $segment }: { $bar } · { $done }/{ $total } · { $failed } not delivered · about { $left } left
broadcast-paused = ⏸ Broadcast #{ $id } to { $segment }: paused at { $done }/{ $total }.
broadcast-cancelled = 🚫 Broadcast #{ $id } to { $segment }: cancelled after { $done }/{ $total }.
broadcast-done = ✅ Broadcast #{ $id } to { $segment } finished in { $duration }: { $sent } delivered, { $blocked } blocked the bot (now flagged), { $failed } failed, { $uncertain } uncertain (the bot stopped during the send; never sent twice).
broadcast-failures = Failures: { $reasons }
broadcasts-none = No broadcast is scheduled, running or paused.
broadcast-button-send = ✅ Send
broadcast-button-cancel = ✖️ Cancel
broadcast-button-pause = ⏸ Pause
broadcast-button-resume = ▶️ Resume
broadcast-now-counting = Counting the recipients.
broadcast-now-draft = Waiting for Send.
broadcast-now-scheduled = Scheduled.
broadcast-now-running = Sending.
broadcast-now-paused = Paused.
broadcast-now-done = Done.
broadcast-now-cancelled = Cancelled: nothing more goes out.
broadcast-unchanged = This broadcast is { $status }: that button does nothing now.
broadcast-status-counting = being counted
broadcast-status-draft = waiting for Send
broadcast-status-scheduled = scheduled
broadcast-status-running = running
broadcast-status-paused = paused
broadcast-status-done = done
broadcast-status-cancelled = cancelled
customer-opted-out = You will no longer receive our announcements. Send /start to receive them again. You can still write to us here at any time.
customer-opted-in = You will receive our announcements again. Send /stop to stop them.
notice-answers-broadcast = ↩️ In reply to broadcast #{ $id }
notice-broadcast-reached = 📣 Broadcast #{ $id } reached this customer.
notice-broadcast-reached-link = 📣 <a href="{ $link }">Broadcast #{ $id }</a> reached this customer.
## Ratings
rating-request = How did we do with your request #{ $number }? Rate us from 1 (bad) to 5 (great).
rating-thanks = Thank you for your rating!
rating-too-late = This rating can no longer be changed.
notice-customer-rated = ⭐ The customer rated ticket #{ $number }: { $score }/5
card-rating = ⭐ rated { $score }/5
card-opted-out = 🔕 opted out of broadcasts
card-human-handling = 🧑‍💼 human handling: the bot is paused for this customer

## /export (administrators, in the lobby)
usage-export = Usage: /export [customers | tickets | broadcasts] [csv | jsonl] [segment] [since YYYY-MM-DD], in the group's main chat or the General topic (administrators only). Segments as for /send: open, closed, tag:x, origin:x, lang:xx, active:Nd, joined with + and ,. Example: /export customers csv tag:vip since 2026-11-01
command-export = Export customers, tickets or broadcasts as a file
export-failed = The export could not be sent: { $reason }
export-kind-customers = Customers
export-kind-tickets = Tickets
export-kind-broadcasts = Broadcasts
export-caption = 📦 { $kind } (rows: { $rows })
export-part = {" "}(part { $part } of { $parts })

## /import (administrators, in the lobby)
usage-import = Usage: reply to a CSV or JSON lines document (a customer export, for example) with /import, in the group's main chat or the General topic (administrators only). Columns: customer_id, and any of name, username, language, tags (joined with ;), notes, field:&lt;name&gt;.
command-import = Import customers from a CSV or JSON lines document
import-failed = The document could not be read: { $reason }
import-needs-document = Reply to a CSV or JSON lines document with /import.
import-not-csv = Nothing imported: this document is neither CSV nor JSON lines.
import-too-large = Nothing imported: the document is larger than 20 MB, which bots cannot download. Split it into smaller files.
import-no-id-column = Nothing imported: the file has no customer_id column (JSON lines: no id key).
import-wrong-columns = Nothing imported: unknown columns { $columns }. Expected customer_id, name, username, language, tags, notes and field:&lt;name&gt; (first_seen and banned are ignored).
import-empty = Nothing imported: the file has no rows.
import-problems = Nothing imported: { $total } rows have problems. Fix them and send the file again.
import-problem-line = Line { $line }: { $problem }
import-more-problems = … and { $count } more.
import-row-malformed = the row cannot be read
import-row-bad-id = “{ $id }” is not a user id
import-row-group-id = { $id } is a group or channel, not a person
import-row-duplicate = the same user id as line { $first }
import-row-bad-tag = “{ $tag }” is not a valid tag
import-row-bad-field = the field “{ $field }” has an invalid name or value
import-row-too-many-fields = too many contact fields for one customer
import-row-too-many-tags = too many tags for one customer
import-row-bad-language = “{ $language }” is not a language code
import-preview = 📥 Import: { $new } new customers, { $updated } known customers updated. Nothing is sent to anyone. Apply?
import-apply-button = Apply
import-cancel-button = Cancel
import-applied = ✅ Imported: { $new } new customers, { $updated } known customers updated.
import-cancelled = Import cancelled: nothing changed.
import-admins-only = Only administrators of the team's chat may apply or cancel an import.
imported-not-written = 📥 Imported; has not written yet.

## Erasure (/forget, team language)
command-forget = Forget this customer: erase everything stored about them (administrators)
usage-forget = Usage: /forget, in a customer's thread (administrators only).
forget-ask = 🗑 Forget this customer? Everything threadesk stores about them is deleted for good: their record, tickets and statistics, ratings, tags, fields, message links, timers, queued messages and broadcast records. The messages in this thread stay in Telegram.
forget-button = 🗑 Forget
forget-button-cancel = Cancel
forget-cancelled = Nothing was erased.
forget-nothing = This customer was already forgotten.
forgotten = 🗑 Customer forgotten. Removed: their record, { $tickets } ticket(s) with their statistics and { $ratings } rating(s), { $tags } tag(s), { $fields } field(s), { $links } message link(s), { $threads } card and thread reference(s), { $timers } timer(s), { $queued } queued message(s) or edit(s), { $broadcasts } broadcast record(s).
forgotten-kept = The messages in this thread stay in Telegram: delete them there if they must go too. If this person writes again, they start afresh as a new customer.
