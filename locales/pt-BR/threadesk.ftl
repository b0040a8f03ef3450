# threadesk — português do Brasil (pt-BR). As mensagens usam o HTML do Telegram: os argumentos chegam escapados, e toda tag
# deve ser fechada na mesma linha em que é aberta.

## O cartão do cliente no canal (idioma da equipe)
card-ticket = Atendimento #{ $number }
card-status-open = aberto
card-stage-new = novo, sem resposta (desde { $since })
card-stage-waiting-us = aguardando a equipe desde { $since }
card-stage-waiting-customer = aguardando o cliente desde { $since }
card-assignee = atribuído a { $name }
card-status-closed = encerrado por { $by } em { $at }
card-status-closed-auto = encerrado automaticamente em { $at }
card-priority = prioridade: { $priority }
card-language = idioma: { $language }
customer-pseudonym = Cliente { $code }
card-erased = 🗑 apagado
card-origin = origem: { $origin }
card-opened = aberto em { $at }
card-banned = 🚫 banido (silenciadas: { $muted })
card-blocked = ⛔ bloqueou o bot
card-deactivated = ⛔ conta excluída

## Nomes das prioridades, níveis 0 a 3 (também aceitos por /p, em qualquer idioma)
priority-0 = baixa
priority-1 = normal
priority-2 = alta
priority-3 = urgente

## O que um cliente enviou e não pode ser copiado
kind-quiz = um quiz
kind-invoice = uma fatura
kind-paid-media = uma mídia paga
kind-giveaway = um sorteio
kind-game = um jogo
kind-service = uma mensagem de serviço
kind-unsupported = um tipo de mensagem que este bot não conhece

## Por que algo não foi entregue
failure-blocked = o cliente bloqueou o bot
failure-deactivated = a conta do cliente foi excluída
failure-not-started = este usuário nunca iniciou o bot
failure-rejected = o Telegram recusou ({ $reason })
failure-thread-gone = a conversa do cliente foi apagada
failure-workspace-changed = a equipe mudou de espaço de trabalho antes do envio

## Avisos na conversa de um cliente e no chat da equipe (idioma da equipe)
notice-uncopyable = ⚠️ O cliente enviou { $kind }, que o Telegram não deixa os bots copiarem.
notice-not-delivered = ⚠️ Não entregue: { $reason }.
notice-not-copied = ⚠️ Não foi possível copiar aqui uma mensagem do cliente: { $reason }.
notice-unformatted = ⚠️ Não foi possível mostrar esta mensagem com a formatação: { $reason }. Aqui está ela em texto simples:
notice-customer-edited = ✏️ O cliente editou esta mensagem:
notice-customer-blocked = ⛔ O cliente bloqueou o bot. As mensagens não chegarão até ele enquanto ele não iniciar o bot novamente.
notice-customer-back = ✅ O cliente voltou a receber mensagens.
notice-existing-bot-deleted = 🗑 O bot apagou esta mensagem no chat do cliente.
existing-bot-label = 🤖 bot:
notice-customer-came-back = ↩️ O cliente voltou pelo link { $origin }.
notice-ticket-opened = 🎫 Atendimento #{ $number } aberto.
notice-ticket-opened-origin = 🎫 Atendimento #{ $number } aberto (origem: { $origin }).
notice-ticket-opened-by = 🎫 Atendimento #{ $number } aberto por { $by }.
notice-ticket-opened-by-team = 🎫 Atendimento #{ $number } aberto pela equipe.
notice-thread-missing = ⚠️ O cartão de { $name } (id { $customer }) foi publicado no canal, mas a conversa de comentários dele não apareceu, então há mensagens aguardando ({ $waiting }). Verifique se o grupo de discussão do canal é este grupo e se o bot é administrador aqui (ou se o modo de privacidade está desativado). O cartão será publicado novamente; nada se perde.
notice-thread-missing-hidden = ⚠️ O cartão de { $name } foi publicado no canal, mas a conversa de comentários dele não apareceu, então há mensagens aguardando ({ $waiting }). Verifique se o grupo de discussão do canal é este grupo e se o bot é administrador aqui (ou se o modo de privacidade está desativado). O cartão será publicado novamente; nada se perde.
notice-ticket-closed = ✅ Atendimento #{ $number } encerrado por { $by }.
notice-ticket-closed-note = ✅ Atendimento #{ $number } encerrado por { $by }: { $note }
notice-ticket-closed-auto = ✅ Atendimento #{ $number } encerrado automaticamente.
notice-ticket-already-closed = O atendimento #{ $number } já está encerrado. O próximo será aberto quando o cliente escrever novamente ou quando um comentário daqui for enviado a ele.
notice-priority-set = Prioridade definida como { $priority }.
notice-banned = 🚫 Cliente banido: as mensagens dele não serão repassadas.
notice-banned-reason = 🚫 Cliente banido ({ $reason }): as mensagens dele não serão repassadas.
notice-already-banned = O cliente já está banido.
notice-unbanned = ✅ Banimento removido. Mensagens silenciadas durante o banimento: { $muted }.
notice-not-banned = O cliente não está banido.
notice-banned-customer-wrote = 🔇 O cliente banido escreveu novamente (mensagem não repassada; total até agora: { $muted }).
notice-thread-recreated = ♻️ A conversa anterior deste cliente foi apagada; o atendimento continua aqui.
notice-card-deleted = ⚠️ O cartão deste cliente foi apagado e não mostra mais o estado do atendimento. A conversa continua nesta conversa.
notice-history-moved = 📁 A equipe mudou para um novo espaço de trabalho. O histórico anterior deste cliente continua na conversa antiga ({ $previous }):
notice-history-moved-unknown = 📁 A equipe mudou para um novo espaço de trabalho. O histórico anterior deste cliente continua no espaço anterior.
notice-team-messages-wait = ⏳ O bot não consegue verificar agora quem faz parte da equipe (pode ter perdido seus direitos no chat da equipe, ou o Telegram está falhando). As mensagens desta conversa aguardam e serão enviadas, na ordem, assim que for possível.

## Respostas aos comandos da equipe (idioma da equipe)
canned-saved = 💾 Resposta pronta “{ $title }” salva. Para usá-la, digite o @username do bot e uma palavra do título em qualquer chat.
canned-replaced = 💾 Resposta pronta “{ $title }” atualizada.
canned-deleted = 🗑 Resposta pronta “{ $title }” apagada.
canned-renamed = ✏️ A resposta pronta “{ $from }” agora se chama “{ $to }”.
canned-not-found = Nenhuma resposta pronta se chama “{ $title }”. Envie /respostas para ver todas.
canned-title-taken = Já existe outra resposta pronta chamada “{ $title }”.
canned-unsupported = Este tipo de mensagem não pode ser enviado no modo inline, então não pode ser salvo. Salve um texto, foto, vídeo, GIF, documento, áudio, mensagem de voz ou figurinha.
canned-list-header = <b>Respostas prontas</b> ({ $count }):
canned-list-empty = Ainda não há respostas prontas. Responda a uma mensagem com /resposta &lt;título&gt; para salvá-la.
usage-fim = Uso: /fim [nota de encerramento], na conversa de um cliente.
usage-p = Uso: /p &lt;nível&gt;: 0 baixa, 1 normal, 2 alta, 3 urgente (os nomes também funcionam).
usage-ban = Uso: /ban [motivo], na conversa de um cliente.
usage-unban = Uso: /unban, na conversa de um cliente.
usage-resposta = Uso: responda à mensagem que deseja salvar com /resposta &lt;título&gt; (até 64 caracteres).
usage-respostas = Uso: /respostas
usage-resposta-apagar = Uso: /resposta_apagar &lt;título&gt;
usage-resposta-renomear = Uso: /resposta_renomear &lt;título antigo&gt; = &lt;título novo&gt;
usage-help = Uso: /help
usage-new = Uso: /new &lt;id do usuário&gt;, no tópico Geral ou no chat principal do grupo.
wrong-place = /{ $command } funciona dentro da conversa de um cliente: os comentários do cartão dele ou o tópico dele no fórum.
unknown-command = Comando desconhecido: /{ $command }. Envie /help para ver a lista.
command-needs-admins = Só administradores do chat da equipe podem usar /{ $command }.
command-needs-members = Só membros da equipe podem usar /{ $command }.
command-team-only = /{ $command } é um comando da equipe: só membros do chat da equipe podem usá-lo.
notice-new-opening = 🆕 Abrindo uma conversa para { $name }.
notice-new-already-open = { $name } já tem um atendimento aberto.
notice-new-already-open-link = { $name } já tem um atendimento aberto: <a href="{ $link }">abrir a conversa</a>.
notice-new-impossible = O usuário { $user } nunca escreveu para o bot (ou o bloqueou), então o bot não pode escrever primeiro. Peça que ele envie /start para o bot.
team-help =
    <b>Comandos da equipe</b>
    Na conversa de um cliente:
    /fim [nota] ou /close [nota]: encerrar o atendimento
    /p &lt;0-3&gt;: definir a prioridade (baixa, normal, alta, urgente)
    /ban [motivo] e /unban: parar ou retomar o repasse das mensagens do cliente
    /mark etiqueta … e /mark -etiqueta: adicionar ou tirar etiquetas do cliente (etapa:pago substitui etapa:lead); /mark sozinho lista
    /assign [@username ou id do usuário] e /unassign: pôr alguém da equipe (você, por padrão) como responsável, ou ninguém
    /set &lt;campo&gt; &lt;valor&gt; e /unset &lt;campo&gt;: os campos de contato do cliente
    /info: campos, etiquetas, atendimentos, origens e primeiro contato do cliente
    /say &lt;título&gt;: envia uma resposta pronta ao cliente, com {"{"}first_name{"}"}, {"{"}name{"}"}, {"{"}ticket{"}"}, {"{"}agent{"}"}, {"{"}field:…{"}"} e {"{"}tag:…{"}"} preenchidos
    /forget: apagar tudo o que está guardado sobre o cliente (administradores; pede confirmação)
    Em qualquer lugar deste grupo:
    /resposta &lt;título&gt;, respondendo a uma mensagem: salvá-la como resposta pronta
    /respostas: listar as respostas prontas
    /resposta_apagar &lt;título&gt;: apagar uma
    /resposta_renomear &lt;antigo&gt; = &lt;novo&gt;: renomear uma
    /new &lt;id do usuário&gt;: abrir uma conversa para um cliente que já escreveu para o bot
    /stats [período]: atendimentos, tempos de resposta e de resolução e a parte de cada membro, com gráfico (today, 7d, 30d, month ou 2026-11-01..2026-11-30)
    No chat principal do grupo ou no tópico General:
    /queue: atendimentos abertos esperando por nós, os mais antigos primeiro; /mine: os seus; /find &lt;texto&gt;: clientes por nome, @username, id, tag ou valor de campo
    /send &lt;segmento&gt; [at … | in …], respondendo a uma mensagem no saguão: enviá-la em massa (/send test: antes só para você); /broadcasts: envios agendados e em andamento
    /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-DD] (administradores): os dados como documento
    /import, respondendo a um documento CSV ou JSON lines (administradores): mesclar etiquetas, campos, idioma e notas de clientes após uma prévia
    Mensagens que começam com // ficam na conversa e nunca chegam ao cliente.
    Respostas prontas: digite o @username do bot em qualquer chat e depois uma palavra do título.

## Mensagens privadas aos administradores (idioma da equipe)
admin-ticket-opened = 🔔 Atendimento #{ $number }: <b>{ $name }</b>
admin-ticket-username = @{ $username }
admin-ticket-origin = origem: { $origin }
admin-ticket-link = <a href="{ $link }">Abrir a conversa</a>

## Mensagens aos clientes (idioma do cliente)
notice-team-edited = ✏️ Mensagem editada:
notice-customer-message-failed = Desculpe, não conseguimos entregar sua última mensagem à nossa equipe. Por favor, envie-a novamente.
customer-welcome = Olá! Envie sua dúvida e nossa equipe responderá aqui o mais breve possível.
customer-welcome-back = Que bom ter você de volta! Nossa equipe responderá aqui em breve.
customer-still-here = Continuamos aqui: sua conversa está aberta e nossa equipe responderá neste chat.
customer-goodbye = Seu atendimento foi encerrado. Obrigado! Escreva novamente sempre que precisar.
customer-banned = Suas mensagens não estão mais sendo entregues à nossa equipe.
customer-help = É só escrever sua mensagem aqui: nossa equipe lê todas as mensagens e responde neste chat.
admin-notifications-on = Você receberá uma mensagem aqui sempre que um cliente abrir um atendimento.
membership-unchecked = O bot não conseguiu verificar se você faz parte da equipe, por isso nenhuma resposta pronta foi mostrada. Tente de novo em instantes; se continuar, peça a um administrador que verifique os direitos do bot no chat da equipe.
inline-membership-unchecked = ⏳ Não foi possível verificar a equipe agora; tente em breve

## Menus de comandos
command-start = Iniciar uma conversa
command-help = Como funciona
command-fim = Encerrar o atendimento
command-close = Encerrar o atendimento (igual a /fim)
command-p = Definir a prioridade (0-3)
command-ban = Parar de repassar as mensagens deste cliente
command-unban = Voltar a repassar as mensagens deste cliente
command-resposta = Salvar a mensagem respondida como resposta pronta
command-respostas = Listar as respostas prontas
command-resposta-apagar = Apagar uma resposta pronta
command-resposta-renomear = Renomear uma resposta pronta
command-new = Abrir uma conversa para um cliente pelo id
command-team-help = Comandos da equipe
notice-sent-via-api = 🔌 via API: {$token}
notice-canned-said = 💬 /say “{ $title }” enviado ao cliente:

# Answers to pressed inline buttons (a toast or an alert, plain text, at most 200 characters).
button-expired = Este botão expirou. Peça de novo para receber um atual.
button-team-only = Este botão é só para a equipe de atendimento.
button-membership-unchecked = O bot não consegue verificar agora se você faz parte da equipe. Tente de novo em instantes.
## Etiquetas, campos de contato e responsáveis (idioma da equipe; nunca mostrados ao cliente)
tags-list = 🏷 Etiquetas: { $tags }
tags-none = 🏷 Nenhuma etiqueta ainda.
tag-invalid = “{ $tag }” não é uma etiqueta válida: 1-32 letras, dígitos, _, - ou :, sem começar nem terminar com :.
tags-too-many = Um cliente tem no máximo { $max } etiquetas: tire uma antes.
field-invalid-name = “{ $name }” não é um nome de campo válido: 1-32 de a-z, 0-9 e _.
field-invalid-value = O valor de um campo tem de 1 a { $max } caracteres.
fields-too-many = Um cliente tem no máximo { $max } campos: apague um com /unset antes.
field-set = 📇 { $name } definido como “{ $value }”.
field-unset = 📇 { $name } apagado.
field-not-set = Este cliente não tem o campo { $name }.
info-first-contact = primeiro contato { $at }
info-tickets = { $count } atendimento(s)
info-current = atual #{ $number }, { $stage }
info-origins = origens: { $origins }
info-no-tags = sem etiquetas
info-no-fields = sem campos de contato
stage-new = novo
stage-waiting-us = aguardando a equipe
stage-waiting-customer = aguardando o cliente
stage-closed = encerrado
assigned = 👤 Responsável: { $name }.
unassigned = 👤 { $name } não é mais responsável: ninguém cuida deste atendimento.
unassigned-nobody = Este atendimento não tinha responsável.
not-on-team = { $who } não é alguém da equipe que o bot conheça. Só membros do chat da equipe podem ser responsáveis; o bot os conhece depois que escrevem nele (administradores sempre).
assign-needs-account = Você está escrevendo anonimamente (ou como o canal), então não há conta para atribuir: use /assign @username ou /assign &lt;id do usuário&gt;.
assignee-ping = 🔔 { $name } escreveu no atendimento #{ $number }, sob sua responsabilidade: ele aguarda a equipe.
usage-mark = Uso: /mark etiqueta …, /mark -etiqueta …, ou /mark sozinho para listar, na conversa de um cliente. Uma etiqueta tem 1-32 letras, dígitos, _, - ou : (etapa:pago substitui etapa:lead).
usage-assign = Uso: /assign (você), /assign @username ou /assign &lt;id do usuário&gt;, na conversa de um cliente.
usage-unassign = Uso: /unassign, na conversa de um cliente.
usage-set = Uso: /set &lt;campo&gt; &lt;valor&gt;, na conversa de um cliente (campo: 1-32 de a-z, 0-9 e _; valor até 256 caracteres).
usage-unset = Uso: /unset &lt;campo&gt;, na conversa de um cliente.
usage-info = Uso: /info, na conversa de um cliente.
usage-say = Uso: /say &lt;título de uma resposta pronta&gt;, na conversa de um cliente.
command-mark = Adicionar, tirar ou listar etiquetas do cliente
command-assign = Atribuir o atendimento (você, @username ou id)
command-unassign = Deixar o atendimento sem responsável
command-set = Definir um campo de contato do cliente
command-unset = Apagar um campo de contato do cliente
command-info = O que a equipe sabe do cliente
command-say = Enviar uma resposta pronta ao cliente, com as variáveis preenchidas
## Relatórios (idioma da equipe)
command-stats = Estatísticas com gráfico (today, 7d, 30d, month)
usage-stats = Uso: /stats [today | 7d | 30d | month | 2026-11-01..2026-11-30]
period-unknown = “{ $period }” não é um período: use today, 7d, 30d, month ou um intervalo como 2026-11-01..2026-11-30.
period-reversed = O período “{ $period }” termina antes de começar ou está no futuro.
period-too-long = O período “{ $period }” tem mais de um ano: peça no máximo 366 dias.
report-failed = Não foi possível enviar o relatório: { $reason }
report-title = 📊 <b>Relatório { $period }</b> ({ $zone })
report-tickets = Atendimentos: { $opened } abertos, { $closed } encerrados, { $open } ainda abertos
report-reopened = Clientes que voltaram em até um dia após o encerramento: { $count }
report-first-response = Primeira resposta: mediana { $median }, p90 { $p90 } ({ $count } atendimentos)
report-resolution = Resolução: mediana { $median }, p90 { $p90 } ({ $count } atendimentos)
report-no-times = nenhum neste período
report-business-hours = Os tempos contam só o horário de trabalho ({ $hours }).
report-all-hours = Os tempos contam todas as horas do dia.
report-busiest = Horários de maior movimento: { $hours }
report-origins = Por origem: { $list }
report-origin-direct = direto
report-tags = Por etiqueta no encerramento: { $list }
report-team = <b>Equipe</b>
report-member = { $name }: { $replies } respostas, { $closed } encerrados, primeira resposta { $median }
report-no-team = Nenhuma resposta da equipe neste período.
report-ratings = Avaliações: média { $average } de { $count }, { $good }% deram 4 ou 5
report-no-ratings = Avaliações: nenhuma neste período
chart-per-day = Atendimentos por dia, { $period }
chart-opened = abertos
chart-closed = encerrados
chart-first-response = Tempo até a primeira resposta
chart-replies = Respostas por membro da equipe
chart-no-data = sem dados

## Listas do saguão (idioma da equipe)
usage-queue = Uso: /queue, no chat principal do grupo ou no tópico General: os atendimentos abertos esperando por nós, os mais antigos primeiro.
usage-mine = Uso: /mine, no chat principal do grupo ou no tópico General: os atendimentos abertos atribuídos a você (da sua própria conta, não anonimamente).
usage-find = Uso: /find &lt;texto&gt;, no chat principal do grupo ou no tópico General: clientes por nome, @username, id, tag ou valor de campo (até 40 letras; letras fora de a-z contam em dobro).
wrong-place-lobby = /{ $command } funciona no chat principal do grupo ou no tópico General, fora das conversas dos clientes.
command-queue = Atendimentos abertos esperando por nós, os mais antigos primeiro
command-mine = Seus atendimentos abertos
command-find = Buscar clientes por nome, @username, id, tag ou campo
lobby-queue-header = 📥 <b>Esperando por nós</b>: { $total }
lobby-queue-empty = 📥 Nenhum atendimento aberto está esperando por nós.
lobby-mine-header = 🙋 <b>Seus atendimentos abertos</b>: { $total }
lobby-mine-empty = 🙋 Nenhum atendimento aberto está atribuído a você.
lobby-find-header = 🔎 <b>{ $query }</b>: { $total } encontrados
lobby-find-empty = 🔎 Ninguém corresponde a “{ $query }”.
lobby-page = Página { $page } de { $pages }
lobby-waited = { $stage } há { $duration }
duration-minutes = { $minutes } min
duration-hours = { $hours } h { $minutes } min
duration-days = { $days } d { $hours } h
page-previous = ◀ Anterior
page-next = Próxima ▶
## Broadcasts (team language; the opt-out in the customer's language)
usage-send = Uso: no saguão (o chat principal do grupo ou o tópico Geral do fórum), responda à mensagem a enviar com /send &lt;segmento&gt; [at AAAA-MM-DD HH:MM | in 2h]; /send test envia só para você antes. Segmentos: all, open, closed, tag:x, tag:chave:valor, origin:x, lang:xx, active:Nd, unidos com + (e) e , (ou).
usage-broadcasts = Uso: /broadcasts
command-send = Enviar a mensagem respondida a um segmento de clientes
command-broadcasts = Envios em massa agendados e em andamento
broadcast-only-in-lobby = /send funciona no saguão: o chat principal do grupo ou o tópico Geral do fórum.
broadcast-test-sent = 📨 Uma cópia de teste está a caminho do seu chat privado com o bot.
broadcast-test-failed = A cópia de teste não chegou até você: { $reason }. Envie /start ao bot num chat privado antes.
broadcast-bad-segment = “{ $term }” não é um segmento. Use all, open, closed, tag:x, tag:chave:valor, origin:x, lang:xx ou active:Nd, unidos com + (e) e , (ou). Nada foi enviado.
broadcast-bad-time = Não foi possível ler o horário: escreva “at 2026-12-24 09:00” ou “in 2h” depois do segmento. Nada foi enviado.
broadcast-past-time = Esse horário já passou. Nada foi enviado.
broadcast-preview = 📣 Envio #{ $id } para { $count } cliente(s) em { $segment }, { $when }. Nada sai antes de você apertar Enviar.
broadcast-when-now = assim que você apertar Enviar
broadcast-when-at = em { $at }
broadcast-scheduled = ⏰ Envio #{ $id } para { $segment }: agendado para { $at } ({ $count } cliente(s) na prévia).
broadcast-running = 📣 Envio #{ $id } para { $segment }: { $bar } · { $done }/{ $total } · { $failed } não entregue(s) · faltam cerca de { $left }
broadcast-paused = ⏸ Envio #{ $id } para { $segment }: pausado em { $done }/{ $total }.
broadcast-cancelled = 🚫 Envio #{ $id } para { $segment }: cancelado após { $done }/{ $total }.
broadcast-done = ✅ Envio #{ $id } para { $segment } concluído em { $duration }: { $sent } entregue(s), { $blocked } bloquearam o bot (agora marcados), { $failed } falharam, { $uncertain } incerto(s) (o bot parou durante o envio; nunca enviado duas vezes).
broadcast-failures = Falhas: { $reasons }
broadcasts-none = Nenhum envio agendado, em andamento ou pausado.
broadcast-button-send = ✅ Enviar
broadcast-button-cancel = ✖️ Cancelar
broadcast-button-pause = ⏸ Pausar
broadcast-button-resume = ▶️ Retomar
broadcast-now-counting = Contando os destinatários.
broadcast-now-draft = Aguardando Enviar.
broadcast-now-scheduled = Agendado.
broadcast-now-running = Enviando.
broadcast-now-paused = Pausado.
broadcast-now-done = Concluído.
broadcast-now-cancelled = Cancelado: nada mais será enviado.
broadcast-unchanged = Este envio está { $status }: esse botão não faz nada agora.
broadcast-status-counting = em contagem
broadcast-status-draft = aguardando Enviar
broadcast-status-scheduled = agendado
broadcast-status-running = em andamento
broadcast-status-paused = pausado
broadcast-status-done = concluído
broadcast-status-cancelled = cancelado
customer-opted-out = Você não receberá mais nossos comunicados. Envie /start para voltar a recebê-los. Você ainda pode nos escrever aqui a qualquer momento.
customer-opted-in = Você voltará a receber nossos comunicados. Envie /stop para pará-los.
notice-answers-broadcast = ↩️ Em resposta ao envio #{ $id }
notice-broadcast-reached = 📣 A transmissão #{ $id } chegou a este cliente.
notice-broadcast-reached-link = 📣 A <a href="{ $link }">transmissão #{ $id }</a> chegou a este cliente.
## Avaliações
rating-request = Como foi o atendimento #{ $number }? Dê uma nota de 1 (ruim) a 5 (ótimo).
rating-thanks = Obrigado pela sua avaliação!
rating-too-late = Esta avaliação não pode mais ser alterada.
notice-customer-rated = ⭐ O cliente avaliou o atendimento #{ $number }: { $score }/5
card-rating = ⭐ avaliado { $score }/5
card-opted-out = 🔕 não recebe transmissões
card-human-handling = 🧑‍💼 atendimento humano: o bot está pausado para este cliente

## /export (administrators, in the lobby)
usage-export = Uso: /export [customers | tickets | broadcasts] [csv | jsonl] [segmento] [since AAAA-MM-DD], no chat principal do grupo ou no tópico Geral (só administradores). Segmentos como no /send: open, closed, tag:x, origin:x, lang:xx, active:Nd, unidos com + e ,. Exemplo: /export customers csv tag:vip since 2026-11-01
command-export = Exportar clientes, atendimentos ou envios em massa como arquivo
export-failed = Não foi possível enviar a exportação: { $reason }
export-kind-customers = Clientes
export-kind-tickets = Atendimentos
export-kind-broadcasts = Envios em massa
export-caption = 📦 { $kind } (linhas: { $rows })
export-part = {" "}(parte { $part } de { $parts })

## /import (administrators, in the lobby)
usage-import = Uso: responda a um documento CSV ou JSON lines (uma exportação de clientes, por exemplo) com /import, no chat principal do grupo ou no tópico Geral (só administradores). Colunas: customer_id e qualquer uma de name, username, language, tags (unidas com ;), notes, field:&lt;nome&gt;.
command-import = Importar clientes de um documento CSV ou JSON lines
import-failed = Não foi possível ler o documento: { $reason }
import-needs-document = Responda a um documento CSV ou JSON lines com /import.
import-not-csv = Nada importado: este documento não é CSV nem JSON lines.
import-too-large = Nada importado: o documento passa dos 20 MB que bots podem baixar. Divida-o em arquivos menores.
import-no-id-column = Nada importado: o arquivo não tem a coluna customer_id (JSON lines: nenhuma chave id).
import-wrong-columns = Nada importado: colunas desconhecidas { $columns }. Esperadas: customer_id, name, username, language, tags, notes e field:&lt;nome&gt; (first_seen e banned são ignoradas).
import-empty = Nada importado: o arquivo não tem linhas.
import-problems = Nada importado: { $total } linhas têm problemas. Corrija-as e envie o arquivo de novo.
import-problem-line = Linha { $line }: { $problem }
import-more-problems = … e mais { $count }.
import-row-malformed = a linha não pode ser lida
import-row-bad-id = “{ $id }” não é um id de usuário
import-row-group-id = { $id } é um grupo ou canal, não uma pessoa
import-row-duplicate = o mesmo id de usuário da linha { $first }
import-row-bad-tag = “{ $tag }” não é uma etiqueta válida
import-row-bad-field = o campo “{ $field }” tem nome ou valor inválido
import-row-too-many-fields = campos de contato demais para um cliente
import-row-too-many-tags = etiquetas demais para um cliente
import-row-bad-language = “{ $language }” não é um código de idioma
import-preview = 📥 Importação: { $new } clientes novos, { $updated } clientes conhecidos atualizados. Nada é enviado a ninguém. Aplicar?
import-apply-button = Aplicar
import-cancel-button = Cancelar
import-applied = ✅ Importado: { $new } clientes novos, { $updated } clientes conhecidos atualizados.
import-cancelled = Importação cancelada: nada mudou.
import-admins-only = Só administradores do chat da equipe podem aplicar ou cancelar uma importação.
imported-not-written = 📥 Importado; ainda não escreveu.

## Erasure (/forget, team language)
command-forget = Esquecer este cliente: apagar tudo o que está guardado sobre ele (administradores)
usage-forget = Uso: /forget, na conversa de um cliente (só administradores).
forget-ask = 🗑 Esquecer este cliente? Tudo o que o threadesk guarda sobre ele será apagado para sempre: o cadastro, atendimentos e estatísticas, avaliações, tags, campos, vínculos de mensagens, temporizadores, mensagens na fila e registros de transmissões. As mensagens desta conversa continuam no Telegram.
forget-button = 🗑 Esquecer
forget-button-cancel = Cancelar
forget-cancelled = Nada foi apagado.
forget-nothing = Este cliente já foi esquecido.
forgotten = 🗑 Cliente esquecido. Removidos: o cadastro, { $tickets } atendimento(s) com suas estatísticas e { $ratings } avaliação(ões), { $tags } tag(s), { $fields } campo(s), { $links } vínculo(s) de mensagem, { $threads } referência(s) de cartão e conversa, { $timers } temporizador(es), { $queued } mensagem(ns) ou edição(ões) na fila, { $broadcasts } registro(s) de transmissão.
forgotten-kept = As mensagens desta conversa continuam no Telegram: apague-as lá se também precisarem sumir. Se esta pessoa escrever de novo, começa do zero como um novo cliente.
