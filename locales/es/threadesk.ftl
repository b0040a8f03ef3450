# threadesk — English. Messages use Telegram HTML; arguments arrive already escaped.

## The customer card in the channel (team language)
card-ticket = Ticket #{ $number }
card-status-open = open
card-status-closed = closed by { $by } on { $at }
card-status-closed-auto = closed automatically on { $at }
card-priority = priority: { $priority }
card-language = language: { $language }
card-origin = origin: { $origin }
card-opened = opened { $at }
card-banned = 🚫 banned
card-blocked = ⛔ blocked the bot
card-deactivated = ⛔ account deleted

## Priority names, levels 0 to 3
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

## Notes in a customer's thread (team language)
notice-uncopyable = ⚠️ The customer sent { $kind }, which Telegram does not let bots copy.
notice-not-delivered = ⚠️ Not delivered: { $reason }.
notice-not-copied = ⚠️ A customer message could not be copied here: { $reason }.
notice-customer-edited = ✏️ The customer edited this message:
notice-customer-blocked = ⛔ The customer blocked the bot. Messages will not reach them until they start it again.
notice-customer-back = ✅ The customer can receive messages again.
notice-ticket-opened = 🎫 Ticket #{ $number } opened.
notice-ticket-opened-origin = 🎫 Ticket #{ $number } opened (origin: { $origin }).

## Notes in the team chat (team language)
notice-thread-missing = ⚠️ The card of { $name } (id { $customer }) was posted in the channel, but its comment thread did not appear, so { $waiting } message(s) are waiting. Check that the channel's discussion group is this group and that the bot is an administrator here (or privacy mode is off). The card will be posted again; nothing is lost.

## Messages to customers (customer language)
notice-team-edited = ✏️ Edited:
notice-customer-message-failed = Sorry, your last message could not be delivered to our team. Please send it again.
