//! `threadesk demo`: the real bot, against the built-in Telegram simulator, playing a short
//! conversation between two customers and two attendants, ending with the team's `/stats`, then
//! showing what everyone saw (and, with `--chart`, saving the report's chart).
//!
//! It runs exactly what `threadesk run` runs (`app::run`), only pointed at the simulator and a
//! temporary data directory, and checks that every step was observed.
//!
//! Map:
//! - `view`: what the demo reads back (cards, threads, private chats) and its final report.

mod view;

use std::fmt::Write as _;
use std::time::Duration;

use crate::harness::{self, InProcessBot};
use telegram_sim::{
    BotHandle, ChatId, ChatKind, Content, MessageId, SceneSpec, SimConfig, Simulator, UserId,
    UserSpec, customer_spec,
};

/// How long a step may take before the demo gives up.
const STEP_TIMEOUT: Duration = Duration::from_secs(15);

/// The demo could not be completed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A step was not observed in time.
    #[error("step {number} ({step}) was not observed: {detail}")]
    Step {
        /// The step's number.
        number: usize,
        /// What it does.
        step: &'static str,
        /// What was missing.
        detail: String,
    },
    /// The simulator or the bot could not start.
    #[error("the demo could not start: {0}")]
    Setup(String),
}

/// The demo's world.
struct World {
    sim: Simulator,
    bot: BotHandle,
    channel: ChatId,
    group: ChatId,
    maria: UserId,
    joao: UserId,
    alice: UserId,
    bob: UserId,
    step: std::cell::Cell<usize>,
    log: std::cell::RefCell<String>,
}

/// Runs the demo; returns the report to print. With `chart`, the PNG chart `/stats` answered
/// with at the end is written there.
pub async fn run(chart: Option<&std::path::Path>) -> Result<String, DemoError> {
    let setup = |error: &dyn std::fmt::Display| DemoError::Setup(error.to_string());
    let sim = Simulator::start(SimConfig::default())
        .await
        .map_err(|error| setup(&error))?;
    let scene = SceneSpec::new("threadesk_demo_bot")
        .member(UserSpec::new("Maria").username("maria").language("pt-br"))
        .member(UserSpec::new("João").username("joao").language("pt-br"))
        .build(&sim)
        .map_err(|error| setup(&error))?;
    let alice = sim.create_user(customer_spec("Alice", "pt-br").last_name("Silva"));
    let bob = scene.customer(&sim, "Bob", "en");
    let channel = scene
        .channel
        .ok_or_else(|| DemoError::Setup("the scene has no channel".into()))?;

    let data = tempfile::tempdir().map_err(|error| setup(&error))?;
    let mut settings = harness::settings(&sim, &scene, data.path());
    for (key, value) in [
        ("THREADESK_ALBUM_WAIT", "300ms"),
        ("THREADESK_POLL_TIMEOUT", "1s"),
        ("THREADESK_TEAM_LANGUAGE", "en"),
    ] {
        settings.insert(key.to_owned(), value.to_owned());
    }
    let config = harness::config(&settings, "").map_err(|error| setup(&format!("{error:#}")))?;
    let bot = InProcessBot::start(config);

    let world = World {
        bot: scene.bot.clone(),
        channel,
        group: scene.group,
        maria: scene.team[0],
        joao: scene.team[1],
        alice,
        bob,
        sim,
        step: Default::default(),
        log: Default::default(),
    };
    let mut played = world.play().await;
    if played.is_ok() {
        played = world.stats(chart).await;
    }
    bot.stop(STEP_TIMEOUT)
        .await
        .map_err(|error| setup(&format!("{error:#}")))?;
    played?;
    Ok(world.report())
}

impl World {
    async fn play(&self) -> Result<(), DemoError> {
        let (alice, bob, maria, joao) = (self.alice, self.bob, self.maria, self.joao);

        self.say(alice, "/start instagram");
        self.expect(
            "Alice opens t.me/threadesk_demo_bot?start=instagram; her card shows the origin",
            || {
                self.card_text(alice)
                    .is_some_and(|text| text.contains("instagram"))
            },
        )
        .await?;

        let complaint = self.say(alice, "Oi! Meu pedido #1042 chegou com a tela quebrada.");
        self.expect("Alice's message lands in her card's comment thread", || {
            self.thread(alice).find("#1042").is_some()
        })
        .await?;

        self.send(alice, Content::photo().caption("Foto da tela"));
        self.expect("her photo follows, in order", || {
            self.thread(alice).find("Foto da tela").is_some()
        })
        .await?;

        let copy = self.thread(alice).find("#1042").map(|entry| entry.id);
        self.comment(
            maria,
            alice,
            copy,
            "Sinto muito, Alice! Vamos trocar o aparelho.",
        );
        self.expect(
            "Maria's reply in the thread reaches Alice as the bot, replying to her message",
            || {
                self.private(alice)
                    .find("trocar o aparelho")
                    .is_some_and(|entry| entry.reply_to == Some(complaint))
            },
        )
        .await?;

        let edited = "Oi! Meu pedido #1042 chegou com a tela quebrada e a caixa amassada.";
        let _ = self
            .sim
            .as_user(alice)
            .in_private(&self.bot)
            .edit(complaint, Content::text(edited));
        self.expect(
            "Alice edits her message; the thread copy is edited too",
            || {
                self.thread(alice)
                    .find("caixa amassada")
                    .is_some_and(|entry| entry.edited)
            },
        )
        .await?;

        self.say(bob, "Hi, when will my order ship?");
        self.expect("Bob writes: a second card and thread", || {
            self.thread(bob).find("ship?").is_some()
        })
        .await?;

        let answer = self.comment(joao, bob, None, "Orders ship within 2 business days.");
        self.expect("João answers Bob", || {
            self.private(bob).find("2 business days").is_some()
        })
        .await?;

        let save = self.team_command(maria, answer, "/resposta Shipping times");
        self.expect("Maria saves João's answer as a canned reply", || {
            self.answer_to(save)
                .is_some_and(|text| text.contains("Shipping times"))
        })
        .await?;

        self.say(bob, "And to Portugal?");
        self.expect("Bob asks again", || {
            self.thread(bob).find("Portugal").is_some()
        })
        .await?;
        let chosen = async {
            let query = self
                .sim
                .as_user(joao)
                .inline_query(&self.bot, "shipping", ChatKind::Supergroup)
                .ok()?;
            if !self
                .sim
                .wait_until(STEP_TIMEOUT, || self.sim.inline_answer(&query).is_some())
                .await
            {
                return None;
            }
            let result = self
                .sim
                .inline_answer(&query)?
                .results
                .first()?
                .get("id")?
                .as_str()?
                .to_owned();
            let root = self.root(bob)?;
            self.sim
                .as_user(joao)
                .in_chat(self.group)
                .reply_to(root)
                .choose_inline_result(&query, &result)
                .ok()
        }
        .await;
        self.expect(
            "João types @threadesk_demo_bot shipping and sends the canned reply",
            || {
                chosen.is_some()
                    && self
                        .private(bob)
                        .iter()
                        .filter(|e| {
                            e.text.as_deref() == Some("Orders ship within 2 business days.")
                        })
                        .count()
                        == 2
            },
        )
        .await?;

        let urgent = self.thread_command(maria, alice, "/p 3");
        self.expect(
            "Maria marks Alice's ticket urgent: the card turns red",
            || {
                self.answer_to(urgent).is_some()
                    && self
                        .card_text(alice)
                        .is_some_and(|text| text.starts_with('🔴'))
            },
        )
        .await?;

        let close = self.thread_command(maria, alice, "/fim troca enviada");
        self.expect(
            "Maria closes the ticket: end message, card recoloured and unpinned",
            || {
                self.answer_to(close).is_some()
                    && self
                        .card_text(alice)
                        .is_some_and(|text| text.starts_with('⚪'))
                    && self.private(alice).len() >= 4
            },
        )
        .await?;

        self.say(alice, "Mais uma coisa: preciso da nota fiscal.");
        self.expect(
            "Alice writes again: ticket #2 opens in the same thread",
            || {
                self.thread(alice).find("#2").is_some()
                    && self.thread(alice).find("nota fiscal").is_some()
            },
        )
        .await?;
        Ok(())
    }

    /// The last step: `/stats` in the group's main chat answers with the chart and the figures
    /// of what just happened (saved to `chart` when asked).
    async fn stats(&self, chart: Option<&std::path::Path>) -> Result<(), DemoError> {
        let command = self
            .sim
            .as_user(self.maria)
            .in_chat(self.group)
            .send(Content::text("/stats today"))
            .unwrap_or(MessageId(0));
        let answers = || {
            self.sim
                .transcript(self.group)
                .iter()
                .filter(|e| e.reply_to == Some(command) && e.from == Some(self.bot.user_id))
                .cloned()
                .collect::<Vec<_>>()
        };
        self.expect(
            "Maria sends /stats today: a chart and the day's figures (3 tickets opened, 1 closed)",
            || {
                let answers = answers();
                answers.iter().any(|e| e.kind == "photo")
                    && answers.iter().any(|e| {
                        e.text
                            .as_deref()
                            .is_some_and(|t| t.contains("Tickets: 3 opened, 1 closed"))
                    })
            },
        )
        .await?;
        if let Some(path) = chart {
            let bytes = answers()
                .iter()
                .find(|e| e.kind == "photo")
                .and_then(|photo| photo.file_id.as_deref())
                .and_then(|file| self.sim.file_bytes(file));
            let written = match bytes {
                Some(bytes) => std::fs::write(path, bytes).map_err(|error| error.to_string()),
                None => Err("the chart's bytes are not in the simulator".to_owned()),
            };
            written.map_err(|error| {
                DemoError::Setup(format!(
                    "cannot save the chart to {}: {error}",
                    path.display()
                ))
            })?;
        }
        Ok(())
    }

    /// Waits for a step's observable result.
    async fn expect(
        &self,
        step: &'static str,
        mut observed: impl FnMut() -> bool,
    ) -> Result<(), DemoError> {
        let number = self.step.get() + 1;
        self.step.set(number);
        if self.sim.wait_until(STEP_TIMEOUT, &mut observed).await {
            let _ = writeln!(self.log.borrow_mut(), "  ✔ {number}. {step}");
            Ok(())
        } else {
            let detail = format!(
                "nothing happened within {STEP_TIMEOUT:?}\n{}",
                self.report()
            );
            Err(DemoError::Step {
                number,
                step,
                detail,
            })
        }
    }

    fn say(&self, customer: UserId, text: &str) -> MessageId {
        self.send(customer, Content::text(text))
    }

    fn send(&self, customer: UserId, content: Content) -> MessageId {
        self.sim
            .as_user(customer)
            .in_private(&self.bot)
            .send(content)
            .unwrap_or(MessageId(0))
    }

    fn comment(
        &self,
        member: UserId,
        customer: UserId,
        to: Option<MessageId>,
        text: &str,
    ) -> MessageId {
        let Some(target) = to.or_else(|| self.root(customer)) else {
            return MessageId(0);
        };
        self.team_command(member, target, text)
    }

    fn thread_command(&self, member: UserId, customer: UserId, text: &str) -> MessageId {
        self.comment(member, customer, None, text)
    }

    fn team_command(&self, member: UserId, reply_to: MessageId, text: &str) -> MessageId {
        self.sim
            .as_user(member)
            .in_chat(self.group)
            .reply_to(reply_to)
            .send(Content::text(text))
            .unwrap_or(MessageId(0))
    }
}
