# threadesk — русский (ru). Сообщения используют HTML Telegram: аргументы приходят уже экранированными, а каждый тег
# нужно закрывать в той же строке, где он открыт.

## Карточка клиента в канале (язык сотрудников)
card-ticket = Обращение #{ $number }
card-status-open = открыто
card-stage-new = новое, без ответа (с { $since })
card-stage-waiting-us = ждёт нас с { $since }
card-stage-waiting-customer = ждёт клиента с { $since }
card-assignee = назначено: { $name }
card-status-closed = закрыто — { $by }, { $at }
card-status-closed-auto = закрыто автоматически { $at }
card-priority = приоритет: { $priority }
card-language = язык: { $language }
customer-pseudonym = Клиент { $code }
card-erased = 🗑 удалено
card-origin = источник: { $origin }
card-opened = открыто { $at }
card-banned = 🚫 заблокирован (не переслано: { $muted })
card-blocked = ⛔ заблокировал бота
card-deactivated = ⛔ аккаунт удалён

## Названия приоритетов, уровни от 0 до 3 (команда /p принимает их на любом языке)
priority-0 = низкий
priority-1 = обычный
priority-2 = высокий
priority-3 = срочный

## Что прислал клиент, но нельзя скопировать
kind-quiz = викторину
kind-invoice = счёт
kind-paid-media = платный контент
kind-giveaway = розыгрыш
kind-game = игру
kind-service = служебное сообщение
kind-unsupported = сообщение неизвестного боту типа

## Почему что-то не доставлено
failure-blocked = клиент заблокировал бота
failure-deactivated = аккаунт клиента удалён
failure-not-started = этот пользователь ни разу не запускал бота
failure-rejected = Telegram отклонил сообщение ({ $reason })
failure-thread-gone = ветка клиента была удалена
failure-workspace-changed = команда перешла в другое рабочее пространство до отправки

## Заметки в ветке клиента и в чате сотрудников (язык сотрудников)
notice-uncopyable = ⚠️ Клиент отправил { $kind }, а Telegram не позволяет ботам это копировать.
notice-not-delivered = ⚠️ Не доставлено: { $reason }.
notice-not-copied = ⚠️ Не удалось скопировать сюда сообщение клиента: { $reason }.
notice-unformatted = ⚠️ Не удалось показать это сообщение с оформлением: { $reason }. Вот оно простым текстом:
notice-customer-edited = ✏️ Клиент изменил это сообщение:
notice-customer-blocked = ⛔ Клиент заблокировал бота. Сообщения не будут до него доходить, пока он снова не запустит бота.
notice-customer-back = ✅ Клиент снова может получать сообщения.
notice-existing-bot-deleted = 🗑 Бот удалил это сообщение в чате клиента.
existing-bot-label = 🤖 бот:
notice-customer-came-back = ↩️ Клиент вернулся по ссылке { $origin }.
notice-ticket-opened = 🎫 Открыто обращение #{ $number }.
notice-ticket-opened-origin = 🎫 Открыто обращение #{ $number } (источник: { $origin }).
notice-ticket-opened-by = 🎫 Обращение #{ $number } открыл(а) { $by }.
notice-ticket-opened-by-team = 🎫 Обращение #{ $number } открыто командой.
notice-thread-missing = ⚠️ Карточка клиента { $name } (id { $customer }) опубликована в канале, но ветка комментариев к ней не появилась, поэтому сообщения ждут пересылки ({ $waiting }). Проверьте, что группа обсуждения канала — именно эта группа и что бот здесь администратор (или что режим приватности отключён). Карточка будет опубликована заново; ничего не потеряется.
notice-thread-missing-hidden = ⚠️ Карточка клиента { $name } опубликована в канале, но ветка комментариев к ней не появилась, поэтому сообщения ждут пересылки ({ $waiting }). Проверьте, что группа обсуждения канала — именно эта группа и что бот здесь администратор (или что режим приватности отключён). Карточка будет опубликована заново; ничего не потеряется.
notice-ticket-closed = ✅ Обращение #{ $number } закрыто — { $by }.
notice-ticket-closed-note = ✅ Обращение #{ $number } закрыто — { $by }: { $note }
notice-ticket-closed-auto = ✅ Обращение #{ $number } закрыто автоматически.
notice-ticket-already-closed = Обращение #{ $number } уже закрыто. Следующее откроется, когда клиент напишет снова или когда ему будет отправлен комментарий отсюда.
notice-priority-set = Установлен приоритет: { $priority }.
notice-banned = 🚫 Клиент заблокирован: его сообщения не будут пересылаться.
notice-banned-reason = 🚫 Клиент заблокирован ({ $reason }): его сообщения не будут пересылаться.
notice-already-banned = Клиент уже заблокирован.
notice-unbanned = ✅ Блокировка снята. Не переслано за время блокировки: { $muted }.
notice-not-banned = Клиент не заблокирован.
notice-banned-customer-wrote = 🔇 Заблокированный клиент снова написал (сообщение не переслано; всего: { $muted }).
notice-thread-recreated = ♻️ Предыдущая ветка этого клиента была удалена; разговор продолжается здесь.
notice-card-deleted = ⚠️ Карточка этого клиента удалена и больше не показывает состояние обращения. Разговор продолжается в этой ветке.
notice-history-moved = 📁 Команда перешла в новое рабочее пространство. Прежняя история этого клиента осталась в его старой ветке ({ $previous }):
notice-history-moved-unknown = 📁 Команда перешла в новое рабочее пространство. Прежняя история этого клиента осталась в прежнем.
notice-team-messages-wait = ⏳ Бот сейчас не может проверить, кто входит в команду (возможно, он потерял права в чате команды или Telegram не отвечает). Сообщения этой ветки ждут и будут отправлены по порядку, как только это станет возможно.

## Ответы на команды сотрудников (язык сотрудников)
canned-saved = 💾 Шаблон «{ $title }» сохранён. Чтобы использовать его, введите @username бота и слово из названия в любом чате.
canned-replaced = 💾 Шаблон «{ $title }» обновлён.
canned-deleted = 🗑 Шаблон «{ $title }» удалён.
canned-renamed = ✏️ Шаблон «{ $from }» переименован в «{ $to }».
canned-not-found = Шаблона с названием «{ $title }» нет. Отправьте /respostas, чтобы увидеть все шаблоны.
canned-title-taken = Шаблон с названием «{ $title }» уже существует.
canned-unsupported = Такой тип сообщения нельзя отправить в inline-режиме, поэтому его нельзя сохранить. Сохраните текст, фото, видео, GIF, документ, аудио, голосовое сообщение или стикер.
canned-list-header = <b>Шаблоны ответов</b> ({ $count }):
canned-list-empty = Шаблонов пока нет. Ответьте на сообщение командой /resposta &lt;название&gt;, чтобы сохранить его.
usage-fim = Использование: /fim [комментарий к закрытию], в ветке клиента.
usage-p = Использование: /p &lt;уровень&gt;: 0 низкий, 1 обычный, 2 высокий, 3 срочный (названия тоже подходят).
usage-ban = Использование: /ban [причина], в ветке клиента.
usage-unban = Использование: /unban, в ветке клиента.
usage-resposta = Использование: ответьте на нужное сообщение командой /resposta &lt;название&gt; (до 64 символов).
usage-respostas = Использование: /respostas
usage-resposta-apagar = Использование: /resposta_apagar &lt;название&gt;
usage-resposta-renomear = Использование: /resposta_renomear &lt;старое название&gt; = &lt;новое название&gt;
usage-help = Использование: /help
usage-new = Использование: /new &lt;id пользователя&gt; — в теме «Общее» или в основном чате группы.
wrong-place = /{ $command } работает внутри разговора с клиентом: в ветке комментариев к его карточке или в его теме форума.
unknown-command = Неизвестная команда /{ $command }. Отправьте /help, чтобы увидеть список.
command-needs-admins = Команду /{ $command } могут использовать только администраторы чата команды.
command-needs-members = Команду /{ $command } могут использовать только участники команды.
command-team-only = /{ $command } — команда для команды поддержки: её могут использовать только участники чата команды.
notice-new-opening = 🆕 Открываю ветку для клиента { $name }.
notice-new-already-open = У клиента { $name } уже есть открытое обращение.
notice-new-already-open-link = У клиента { $name } уже есть открытое обращение: <a href="{ $link }">открыть ветку</a>.
notice-new-impossible = Пользователь { $user } никогда не писал боту (или заблокировал его), поэтому бот не может написать первым. Попросите его отправить боту /start.
team-help =
    <b>Команды для сотрудников</b>
    В ветке клиента:
    /fim [комментарий] или /close [комментарий]: закрыть обращение
    /p &lt;0-3&gt;: задать приоритет (низкий, обычный, высокий, срочный)
    /ban [причина] и /unban: остановить или возобновить пересылку сообщений клиента
    /mark метка … и /mark -метка — добавить или убрать метки клиента (этап:оплата заменяет этап:лид); /mark без аргументов — список
    /assign [@username или id пользователя] и /unassign — назначить ответственного из команды (по умолчанию вас) или снять
    /set &lt;поле&gt; &lt;значение&gt; и /unset &lt;поле&gt; — контактные поля клиента
    /info — поля, метки, обращения, источники и первый контакт клиента
    /say &lt;название&gt; — отправить клиенту готовый ответ, подставив {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} и {"{"}tag:…{"}"}
    /forget — удалить всё, что хранится о клиенте (администраторы; с подтверждением)
    В любом месте этой группы:
    /resposta &lt;название&gt; в ответ на сообщение: сохранить его как шаблон
    /respostas: список шаблонов
    /resposta_apagar &lt;название&gt;: удалить шаблон
    /resposta_renomear &lt;старое&gt; = &lt;новое&gt;: переименовать шаблон
    /new &lt;id пользователя&gt; — открыть ветку для клиента, который уже писал боту
    /stats [период] — обращения, время ответа и решения и вклад каждого участника, с графиком (today, 7d, 30d, month или 2026-11-01..2026-11-30)
    В основном чате группы или в теме General:
    /queue — открытые обращения, которые ждут нас, сначала самые старые; /mine — ваши; /find &lt;текст&gt; — клиенты по имени, @username, id, метке или значению поля
    /send &lt;сегмент&gt; [at … | in …] в ответ на сообщение в общем чате — разослать его (/send test — сначала себе); /broadcasts — запланированные и идущие рассылки
    /export [customers | tickets | broadcasts] [csv | jsonl] [сегмент] [since ГГГГ-ММ-ДД] (администраторы) — данные файлом
    /import в ответ на документ CSV или JSON lines (администраторы) — после предпросмотра добавить клиентам теги, поля, язык и заметки
    Сообщения, начинающиеся с //, остаются в ветке и никогда не доходят до клиента.
    Шаблоны: введите @username бота в любом чате, затем слово из названия.

## Личные сообщения администраторам (язык сотрудников)
admin-ticket-opened = 🔔 Обращение #{ $number }: <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = источник: { $origin }
admin-ticket-link = <a href="{ $link }">Открыть ветку</a>

## Сообщения клиентам (язык клиента)
notice-team-edited = ✏️ Сообщение изменено:
notice-customer-message-failed = К сожалению, не удалось доставить ваше последнее сообщение нашей команде. Пожалуйста, отправьте его ещё раз.
customer-welcome = Здравствуйте! Напишите нам свой вопрос, и наша команда ответит здесь как можно скорее.
customer-welcome-back = С возвращением! Наша команда скоро ответит вам здесь.
customer-still-here = Мы на связи: ваш диалог открыт, и наша команда ответит вам в этом чате.
customer-goodbye = Ваше обращение закрыто. Спасибо! Пишите снова, когда понадобится помощь.
customer-banned = Ваши сообщения больше не передаются нашей команде.
customer-help = Просто напишите сообщение здесь: наша команда читает все сообщения и отвечает в этом чате.
admin-notifications-on = Здесь вы будете получать сообщение каждый раз, когда клиент открывает обращение.
membership-unchecked = Боту не удалось проверить, состоите ли вы в команде, поэтому шаблоны не показаны. Попробуйте ещё раз чуть позже; если это повторяется, попросите администратора проверить права бота в чате команды.
inline-membership-unchecked = ⏳ Сейчас нельзя проверить участие в команде; попробуйте позже

## Меню команд
command-start = Начать диалог
command-help = Как это работает
command-fim = Закрыть обращение
command-close = Закрыть обращение (как /fim)
command-p = Задать приоритет (0-3)
command-ban = Не пересылать сообщения этого клиента
command-unban = Снова пересылать сообщения этого клиента
command-resposta = Сохранить сообщение, на которое вы ответили, как шаблон
command-respostas = Список шаблонов ответов
command-resposta-apagar = Удалить шаблон ответа
command-resposta-renomear = Переименовать шаблон ответа
command-new = Открыть ветку для клиента по id
command-team-help = Команды для сотрудников
notice-sent-via-api = 🔌 через API: {$token}
notice-canned-said = 💬 /say «{ $title }» отправлено клиенту:

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = Срок действия этой кнопки истёк. Запросите её снова.
button-team-only = Эта кнопка только для команды поддержки.
button-membership-unchecked = Бот сейчас не может проверить, состоите ли вы в команде. Попробуйте чуть позже.
## Метки, контактные поля и ответственные (язык команды; клиенту не показываются)
tags-list = 🏷 Метки: { $tags }
tags-none = 🏷 Меток пока нет.
tag-invalid = «{ $tag }» — недопустимая метка: 1–32 буквы, цифры, _, - или :, не в начале и не в конце :.
tags-too-many = У клиента может быть не больше { $max } меток: сначала уберите одну.
field-invalid-name = «{ $name }» — недопустимое имя поля: 1–32 символа из a-z, 0-9 и _.
field-invalid-value = Значение поля — от 1 до { $max } символов.
fields-too-many = У клиента может быть не больше { $max } полей: сначала удалите одно через /unset.
field-set = 📇 { $name } = «{ $value }».
field-unset = 📇 Поле { $name } удалено.
field-not-set = У этого клиента нет поля { $name }.
info-first-contact = первый контакт { $at }
info-tickets = обращений: { $count }
info-current = текущее #{ $number }, { $stage }
info-origins = источники: { $origins }
info-no-tags = меток нет
info-no-fields = контактных полей нет
stage-new = новое
stage-waiting-us = ждёт команду
stage-waiting-customer = ждёт клиента
stage-closed = закрыто
assigned = 👤 Ответственный: { $name }.
unassigned = 👤 { $name } больше не ответственный: обращение ни за кем не закреплено.
unassigned-nobody = У этого обращения не было ответственного.
not-on-team = { $who } — не известный боту участник команды. Ответственным может быть только участник чата команды; бот узнаёт участников, когда они пишут в нём (администраторов — всегда).
assign-needs-account = Вы пишете анонимно (или от имени канала), поэтому назначить некого: используйте /assign @username или /assign &lt;id пользователя&gt;.
assignee-ping = 🔔 { $name } написал(а) в обращении #{ $number }, закреплённом за вами: оно ждёт команду.
usage-mark = Использование: /mark метка …, /mark -метка … или /mark без аргументов для списка — в ветке клиента. Метка — 1–32 буквы, цифры, _, - или : (этап:оплата заменяет этап:лид).
usage-assign = Использование: /assign (вы), /assign @username или /assign &lt;id пользователя&gt; — в ветке клиента.
usage-unassign = Использование: /unassign — в ветке клиента.
usage-set = Использование: /set &lt;поле&gt; &lt;значение&gt; — в ветке клиента (поле: 1–32 символа из a-z, 0-9 и _; значение до 256 символов).
usage-unset = Использование: /unset &lt;поле&gt; — в ветке клиента.
usage-info = Использование: /info — в ветке клиента.
usage-say = Использование: /say &lt;название готового ответа&gt; — в ветке клиента.
command-mark = Добавить, убрать или показать метки клиента
command-assign = Назначить ответственного (вы, @username или id)
command-unassign = Снять ответственного
command-set = Задать контактное поле клиента
command-unset = Удалить контактное поле клиента
command-info = Что команда знает о клиенте
command-say = Отправить клиенту готовый ответ с подставленными переменными
## Отчёты (язык команды)
command-stats = Статистика с графиком (today, 7d, 30d, month)
usage-stats = Использование: /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = «{ $period }» — не период: используйте today, 7d, 30d, month или диапазон вида 2026-11-01..2026-11-30.
period-reversed = Период «{ $period }» заканчивается раньше, чем начинается, или лежит в будущем.
period-too-long = Период «{ $period }» длиннее года: запросите не больше 366 дней.
report-failed = Не удалось отправить отчёт: { $reason }
report-title = 📊 <b>Отчёт { $period }</b> ({ $zone })
report-tickets = Обращения: открыто { $opened }, закрыто { $closed }, всё ещё открыто { $open }
report-reopened = Клиенты, вернувшиеся в течение суток после закрытия: { $count }
report-first-response = Первый ответ: медиана { $median }, p90 { $p90 } (обращений: { $count })
report-resolution = Решение: медиана { $median }, p90 { $p90 } (обращений: { $count })
report-no-times = нет за этот период
report-business-hours = Время считается только в рабочие часы ({ $hours }).
report-all-hours = Время считается круглосуточно.
report-busiest = Самые загруженные часы: { $hours }
report-origins = По источникам: { $list }
report-origin-direct = напрямую
report-tags = По меткам при закрытии: { $list }
report-team = <b>Команда</b>
report-member = { $name }: ответов { $replies }, закрыто { $closed }, первый ответ { $median }
report-no-team = За этот период команда не отвечала.
report-ratings = Оценки: в среднем { $average } из { $count }, { $good }% поставили 4 или 5
report-no-ratings = Оценки: нет за этот период
chart-per-day = Обращения по дням, { $period }
chart-opened = открыто
chart-closed = закрыто
chart-first-response = Время до первого ответа
chart-replies = Ответы по участникам команды
chart-no-data = нет данных

## Списки в общем чате (язык команды)
usage-queue = Использование: /queue в основном чате группы или в теме General — открытые обращения, которые ждут нас, сначала самые старые.
usage-mine = Использование: /mine в основном чате группы или в теме General — открытые обращения, назначенные вам (от вашего аккаунта, не анонимно).
usage-find = Использование: /find &lt;текст&gt; в основном чате группы или в теме General — клиенты по имени, @username, id, метке или значению поля (до 40 букв; буквы не из a-z считаются за две).
wrong-place-lobby = /{ $command } работает в основном чате группы или в теме General, вне переписки с клиентами.
command-queue = Открытые обращения, которые ждут нас
command-mine = Ваши открытые обращения
command-find = Найти клиентов по имени, @username, id, метке или полю
lobby-queue-header = 📥 <b>Ждут нас</b>: { $total }
lobby-queue-empty = 📥 Нет открытых обращений, которые ждут нас.
lobby-mine-header = 🙋 <b>Ваши открытые обращения</b>: { $total }
lobby-mine-empty = 🙋 Вам не назначено ни одного открытого обращения.
lobby-find-header = 🔎 <b>{ $query }</b>: найдено { $total }
lobby-find-empty = 🔎 Никто не подходит под «{ $query }».
lobby-page = Страница { $page } из { $pages }
lobby-waited = { $stage } уже { $duration }
duration-minutes = { $minutes } мин
duration-hours = { $hours } ч { $minutes } мин
duration-days = { $days } д { $hours } ч
page-previous = ◀ Назад
page-next = Дальше ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Как использовать: в общем чате (главный чат группы или тема «Общее» форума) ответьте на сообщение для рассылки командой /send &lt;сегмент&gt; [at ГГГГ-ММ-ДД ЧЧ:ММ | in 2h]; /send test сначала пришлёт его вам. Сегменты: all, open, closed, tag:x, tag:ключ:значение, origin:x, lang:xx, active:Nd, через + (и) и , (или).
usage-broadcasts = Как использовать: /broadcasts
command-send = Разослать сообщение, на которое вы ответили, сегменту клиентов
command-broadcasts = Запланированные и идущие рассылки
broadcast-only-in-lobby = /send работает в общем чате: главном чате группы или теме «Общее» форума.
broadcast-test-sent = 📨 Тестовая копия уже отправляется в ваш личный чат с ботом.
broadcast-test-failed = Тестовая копия не дошла до вас: { $reason }. Сначала отправьте боту /start в личном чате.
broadcast-bad-segment = «{ $term }» — не сегмент. Используйте all, open, closed, tag:x, tag:ключ:значение, origin:x, lang:xx или active:Nd через + (и) и , (или). Ничего не отправлено.
broadcast-bad-time = Не удалось прочитать время: напишите «at 2026-12-24 09:00» или «in 2h» после сегмента. Ничего не отправлено.
broadcast-past-time = Это время уже прошло. Ничего не отправлено.
broadcast-preview = 📣 Рассылка №{ $id }: { $count } клиент(ов) в сегменте { $segment }, { $when }. Ничего не уйдёт, пока вы не нажмёте «Отправить».
broadcast-when-now = сразу после нажатия «Отправить»
broadcast-when-at = в { $at }
broadcast-scheduled = ⏰ Рассылка №{ $id } сегменту { $segment }: запланирована на { $at } ({ $count } клиент(ов) при предпросмотре).
broadcast-running = 📣 Рассылка №{ $id } сегменту { $segment }: { $bar } · { $done }/{ $total } · не доставлено: { $failed } · осталось около { $left }
broadcast-paused = ⏸ Рассылка №{ $id } сегменту { $segment }: на паузе на { $done }/{ $total }.
broadcast-cancelled = 🚫 Рассылка №{ $id } сегменту { $segment }: отменена после { $done }/{ $total }.
broadcast-done = ✅ Рассылка №{ $id } сегменту { $segment } завершена за { $duration }: доставлено { $sent }, заблокировали бота { $blocked } (теперь отмечены), ошибок { $failed }, неизвестно { $uncertain } (бот остановился во время отправки; повторно не отправляется).
broadcast-failures = Ошибки: { $reasons }
broadcasts-none = Нет запланированных, идущих или приостановленных рассылок.
broadcast-button-send = ✅ Отправить
broadcast-button-cancel = ✖️ Отменить
broadcast-button-pause = ⏸ Пауза
broadcast-button-resume = ▶️ Продолжить
broadcast-now-counting = Считаем получателей.
broadcast-now-draft = Ждёт нажатия «Отправить».
broadcast-now-scheduled = Запланирована.
broadcast-now-running = Отправляется.
broadcast-now-paused = На паузе.
broadcast-now-done = Завершена.
broadcast-now-cancelled = Отменена: больше ничего не уйдёт.
broadcast-unchanged = Эта рассылка сейчас: { $status }. Кнопка больше ничего не делает.
broadcast-status-counting = подсчёт получателей
broadcast-status-draft = ждёт «Отправить»
broadcast-status-scheduled = запланирована
broadcast-status-running = идёт
broadcast-status-paused = на паузе
broadcast-status-done = завершена
broadcast-status-cancelled = отменена
customer-opted-out = Вы больше не будете получать наши объявления. Отправьте /start, чтобы снова их получать. Писать нам здесь можно в любое время.
customer-opted-in = Вы снова будете получать наши объявления. Отправьте /stop, чтобы отписаться.
notice-answers-broadcast = ↩️ Ответ на рассылку №{ $id }
notice-broadcast-reached = 📣 Рассылка #{ $id } дошла до этого клиента.
notice-broadcast-reached-link = 📣 <a href="{ $link }">Рассылка #{ $id }</a> дошла до этого клиента.
## Оценки
rating-request = Как мы справились с вашим обращением №{ $number }? Оцените нас от 1 (плохо) до 5 (отлично).
rating-thanks = Спасибо за оценку!
rating-too-late = Эту оценку уже нельзя изменить.
notice-customer-rated = ⭐ Клиент оценил обращение №{ $number }: { $score }/5
card-rating = ⭐ оценка { $score }/5
card-opted-out = 🔕 отказался от рассылок
card-human-handling = 🧑‍💼 ведёт человек: бот для этого клиента на паузе

## /export (administrators, in the lobby)
usage-export = Как использовать: /export [customers | tickets | broadcasts] [csv | jsonl] [сегмент] [since ГГГГ-ММ-ДД] в общем чате группы или в теме «General» (только администраторы). Сегменты как в /send: open, closed, tag:x, origin:x, lang:xx, active:Nd, через + и ,. Пример: /export customers csv tag:vip since 2026-11-01
command-export = Выгрузить клиентов, обращения или рассылки файлом
export-failed = Не удалось отправить выгрузку: { $reason }
export-kind-customers = Клиенты
export-kind-tickets = Обращения
export-kind-broadcasts = Рассылки
export-caption = 📦 { $kind } (строк: { $rows })
export-part = {" "}(часть { $part } из { $parts })

## /import (administrators, in the lobby)
usage-import = Как использовать: ответьте на документ CSV или JSON lines (например, выгрузку клиентов) командой /import в общем чате группы или в теме «General» (только администраторы). Столбцы: customer_id и любые из name, username, language, tags (через ;), notes, field:&lt;имя&gt;.
command-import = Загрузить клиентов из документа CSV или JSON lines
import-failed = Не удалось прочитать документ: { $reason }
import-needs-document = Ответьте командой /import на документ CSV или JSON lines.
import-not-csv = Ничего не загружено: документ не в формате CSV или JSON lines.
import-too-large = Ничего не загружено: документ больше 20 МБ, такие боты скачивать не могут. Разбейте его на файлы поменьше.
import-no-id-column = Ничего не загружено: в файле нет столбца customer_id (JSON lines: нет ключа id).
import-wrong-columns = Ничего не загружено: неизвестные столбцы { $columns }. Ожидаются customer_id, name, username, language, tags, notes и field:&lt;имя&gt; (first_seen и banned пропускаются).
import-empty = Ничего не загружено: в файле нет строк.
import-problems = Ничего не загружено: строк с ошибками — { $total }. Исправьте их и отправьте файл снова.
import-problem-line = Строка { $line }: { $problem }
import-more-problems = … и ещё { $count }.
import-row-malformed = строку невозможно прочитать
import-row-bad-id = «{ $id }» — не id пользователя
import-row-group-id = { $id } — группа или канал, а не человек
import-row-duplicate = тот же id пользователя, что в строке { $first }
import-row-bad-tag = «{ $tag }» — недопустимый тег
import-row-bad-field = у поля «{ $field }» недопустимое имя или значение
import-row-too-many-fields = слишком много полей у одного клиента
import-row-too-many-tags = слишком много тегов у одного клиента
import-row-bad-language = «{ $language }» — не код языка
import-preview = 📥 Загрузка: новых клиентов — { $new }, обновится известных — { $updated }. Никому ничего не отправляется. Применить?
import-apply-button = Применить
import-cancel-button = Отмена
import-applied = ✅ Загружено: новых клиентов — { $new }, обновлено известных — { $updated }.
import-cancelled = Загрузка отменена: ничего не изменилось.
import-admins-only = Применить или отменить загрузку могут только администраторы чата команды.
imported-not-written = 📥 Загружен из файла; ещё не писал.

## Erasure (/forget, team language)
command-forget = Забыть клиента: удалить всё, что о нём хранится (администраторы)
usage-forget = Использование: /forget в ветке клиента (только администраторы).
forget-ask = 🗑 Забыть этого клиента? Всё, что threadesk хранит о нём, будет удалено навсегда: карточка клиента, обращения и статистика, оценки, теги, поля, связи сообщений, таймеры, сообщения в очереди и записи рассылок. Сообщения в этой ветке останутся в Telegram.
forget-button = 🗑 Забыть
forget-button-cancel = Отмена
forget-cancelled = Ничего не удалено.
forget-nothing = Этот клиент уже забыт.
forgotten = 🗑 Клиент забыт. Удалено: запись клиента, обращений: { $tickets } (со статистикой), оценок: { $ratings }, тегов: { $tags }, полей: { $fields }, связей сообщений: { $links }, ссылок на карточку и ветку: { $threads }, таймеров: { $timers }, сообщений и правок в очереди: { $queued }, записей рассылок: { $broadcasts }.
forgotten-kept = Сообщения в этой ветке остаются в Telegram: удалите их там, если они тоже должны исчезнуть. Если этот человек напишет снова, он начнёт заново как новый клиент.
