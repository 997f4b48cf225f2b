//! Deterministic demo and scale workspaces.

use super::account::{Account, Category, Reviewer, SubjectType};
use super::application::{ApplicationId, ApplicationStatus, PluginUse, UseApplication};
use super::clock::{Timestamp, APPLICATION_WINDOW_MS, DAY_MS, HOUR_MS};
use super::commands::Command;
use super::events::Actor;
use super::ids::{splitmix64, AppId, SplitMix64};
use super::manifest::PluginManifest;
use super::plugin::{DevInfo, Icon, Plugin};
use super::review::{ReviewOutcome, ReviewRecord, ReviewSubmission};
use super::version::{PluginVersion, Semver, VersionStatus};
use super::workspace::Workspace;

/// Base time of [`scale_workspace`] data (2023-11-14T22:13:20Z).
pub const SCALE_BASE_TIME: Timestamp = Timestamp(1_700_000_000_000);

/// Demo reviewer ids.
pub const DEMO_REVIEWERS: [(&str, &str); 2] =
    [("reviewer-1", "审核员小王"), ("reviewer-2", "审核员小李")];

const MANIFEST: &str = r#"{
  "publicComponents": { "card": "components/card/index" },
  "pages": { "detail": "pages/detail/index" },
  "main": "index.js"
}"#;

/// Runs commands on a workspace with a moving clock.
struct Script {
    ws: Workspace,
    t: Timestamp,
}

impl Script {
    /// Executes at the cursor and advances it by one hour. Demo commands are valid by
    /// construction; a refusal would only drop that step (tests check the outcome).
    fn run(&mut self, actor: &Actor, cmd: Command) {
        let _ = self.ws.execute(actor, self.t, cmd);
        self.t = self.t.plus_ms(HOUR_MS);
    }
    /// The platform's reviewers ([`DEMO_REVIEWERS`]).
    fn add_reviewers(&mut self) {
        for (id, name) in DEMO_REVIEWERS {
            self.run(
                &Actor::System,
                Command::AddReviewer {
                    id: id.into(),
                    name: name.into(),
                },
            );
        }
    }
    fn at(&mut self, t: Timestamp, actor: &Actor, cmd: Command) {
        self.t = t;
        self.run(actor, cmd);
    }
    fn account(&mut self, name: &str, subject: SubjectType, cats: &[(&str, &str)]) -> AppId {
        let id = self.ws.next_app_id();
        let categories = cats.iter().map(|(p, s)| Category::new(*p, *s)).collect();
        self.run(
            &Actor::System,
            Command::CreateAccount {
                name: name.into(),
                subject,
                categories,
            },
        );
        id
    }
    /// Opens a plugin and fills in its dev info.
    fn plugin(&mut self, owner: &AppId, name: &str, icon: &str, intro: &str, host: &str) {
        let dev = Actor::Developer(owner.clone());
        self.run(
            &dev,
            Command::OpenPlugin {
                name: name.into(),
                icon: Icon::Builtin(icon.into()),
                intro: intro.into(),
            },
        );
        let dev_info = DevInfo {
            request_domains: vec![format!("https://api.{host}")],
            socket_domains: vec![format!("wss://ws.{host}")],
            upload_file_domains: vec![],
            download_file_domains: vec![format!("https://cdn.{host}")],
            token: "Demo2024Token".into(),
        };
        self.run(
            &dev,
            Command::SetDevInfo {
                plugin: owner.clone(),
                dev_info,
            },
        );
    }
    fn upload(&mut self, p: &AppId, v: &str, desc: &str) {
        let cmd = Command::UploadVersion {
            plugin: p.clone(),
            version: v.into(),
            description: desc.into(),
            manifest: MANIFEST.into(),
        };
        self.run(&Actor::Developer(p.clone()), cmd);
    }
    fn submit(&mut self, p: &AppId, v: &str, cat: (&str, &str), tags: &[&str], desc: &str) {
        let submission = ReviewSubmission {
            category: Category::new(cat.0, cat.1),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            feature_description: desc.into(),
        };
        let cmd = Command::SubmitReview {
            plugin: p.clone(),
            version: ver(v),
            submission,
        };
        self.run(&Actor::Developer(p.clone()), cmd);
    }
    fn approve(&mut self, p: &AppId, v: &str) {
        let cmd = Command::ApproveReview {
            plugin: p.clone(),
            version: ver(v),
        };
        self.run(&Actor::Reviewer(DEMO_REVIEWERS[0].0.into()), cmd);
    }
    fn release(&mut self, p: &AppId, v: &str) {
        let cmd = Command::Release {
            plugin: p.clone(),
            version: ver(v),
        };
        self.run(&Actor::Developer(p.clone()), cmd);
    }
    /// Upload → submit → approve → release.
    fn ship(&mut self, p: &AppId, v: &str, cat: (&str, &str), tags: &[&str], desc: &str) {
        self.upload(p, v, &format!("{v} 版本：功能更新与体验优化"));
        self.submit(p, v, cat, tags, desc);
        self.approve(p, v);
        self.release(p, v);
    }
    fn apply(&mut self, t: Timestamp, consumer: &AppId, p: &AppId, reason: &str) -> ApplicationId {
        let id = self.ws.next_application_id();
        let cmd = Command::Apply {
            plugin: p.clone(),
            reason: reason.into(),
        };
        self.at(t, &Actor::Consumer(consumer.clone()), cmd);
        id
    }
}

fn ver(v: &str) -> Semver {
    Semver::parse(v).unwrap_or(Semver::new(0, 0, 0))
}

/// A workspace with nothing in it but the platform's reviewers ([`DEMO_REVIEWERS`]: without
/// them no version could ever be reviewed), added before `now`: a clean start to try the
/// lifecycle from the first account.
pub fn empty_workspace(now: Timestamp) -> Workspace {
    let mut s = Script {
        // Not the demo's seed: its first account would get the demo 顺丰速运's AppID (QA).
        ws: Workspace::new(0xE3D7_2024),
        t: now.plus_ms(-(DEMO_REVIEWERS.len() as i64) * HOUR_MS),
    };
    s.add_reviewers();
    s.ws
}

/// A realistic demo workspace built by executing real commands, so every object has a
/// timeline. Contains accounts of every 主体类型 (incl. 个人 and a 医疗类 one), two
/// reviewers, plugins in every version status and applications in every status.
pub fn demo_workspace(now: Timestamp) -> Workspace {
    let mut s = Script {
        ws: Workspace::new(0x5EED_2024),
        t: now.plus_ms(-10 * DAY_MS),
    };
    s.add_reviewers();
    use SubjectType::*;
    let express = s.account(
        "顺丰速运",
        Enterprise,
        &[("快递业与邮政", "快递"), ("工具", "发票查询")],
    );
    let weather = s.account(
        "墨迹天气",
        Enterprise,
        &[("工具", "天气"), ("工具", "日历")],
    );
    let medical = s.account(
        "好大夫在线",
        Enterprise,
        &[("医疗", "互联网医院"), ("医疗", "就医服务")],
    );
    let media = s.account("人民日报", Media, &[("文娱", "视频"), ("文娱", "音乐")]);
    let gov = s.account("深圳市政务服务", Government, &[("政务民生", "社保")]);
    let org = s.account(
        "开源软件基金会",
        OtherOrganization,
        &[("IT科技", "软件服务")],
    );
    let ticket = s.account("大麦票务", Enterprise, &[("生活服务", "票务")]);
    let car = s.account("易车", Enterprise, &[("汽车", "汽车资讯")]);
    let zhang = s.account("张三的记账本", Individual, &[("工具", "记账")]);
    let food = s.account("美食点评", Enterprise, &[("餐饮", "点评与推荐")]);
    let travel = s.account("城市出行", Enterprise, &[("出行与交通", "公交")]);

    s.plugin(
        &express,
        "快递查询助手",
        "express",
        "输入运单号即可查询物流轨迹，支持主流快递公司。",
        "sf-express.com",
    );
    s.plugin(
        &weather,
        "天气预报",
        "weather",
        "实时天气、逐小时预报与生活指数。",
        "moji.com",
    );
    s.plugin(
        &medical,
        "在线问诊",
        "medical",
        "三甲医院医生在线图文问诊。",
        "haodf.com",
    );
    s.plugin(
        &media,
        "新闻视频播放器",
        "music",
        "新闻短视频播放组件。",
        "people.com.cn",
    );
    s.plugin(
        &gov,
        "社保查询",
        "tool",
        "查询个人社保缴纳记录与待遇。",
        "sz.gov.cn",
    );
    s.plugin(
        &org,
        "代码高亮组件",
        "tool",
        "在小程序中高亮显示代码片段。",
        "oss-foundation.org",
    );
    s.plugin(
        &ticket,
        "演出票务",
        "ticket",
        "演唱会、话剧门票在线选座购买。",
        "damai.cn",
    );
    s.plugin(
        &car,
        "违章查询",
        "car",
        "输入车牌号查询交通违章记录。",
        "yiche.com",
    );

    let d = "提供快递单号查询与物流轨迹展示，使用时在页面引入组件并传入运单号即可。";
    s.ship(
        &express,
        "1.0.0",
        ("快递业与邮政", "快递"),
        &["快递", "物流", "查询"],
        d,
    );
    s.ship(
        &express,
        "1.1.0",
        ("快递业与邮政", "快递"),
        &["快递", "物流", "查询"],
        d,
    );
    s.upload(&express, "1.2.0", "支持批量查询");
    s.submit(
        &express,
        "1.2.0",
        ("快递业与邮政", "快递"),
        &["快递", "物流", "批量"],
        d,
    );

    let d = "提供实时天气与未来七天预报，调用 requirePlugin 获取接口或使用天气卡片组件。";
    s.ship(&weather, "2.0.0", ("工具", "天气"), &["天气", "预报"], d);
    s.upload(&weather, "2.1.0", "新增空气质量");
    s.submit(
        &weather,
        "2.1.0",
        ("工具", "天气"),
        &["天气", "预报", "空气质量"],
        d,
    );
    s.approve(&weather, "2.1.0");

    let d = "医生在线图文问诊组件，用户描述病情后由执业医生回复，需在页面引入问诊组件。";
    s.ship(
        &medical,
        "1.0.0",
        ("医疗", "互联网医院"),
        &["问诊", "医疗", "健康"],
        d,
    );

    s.upload(&media, "0.9.0", "首个测试版本");
    let d = "新闻短视频播放组件，支持横竖屏切换与弹幕，页面中引入播放器组件即可使用。";
    s.submit(&media, "0.9.0", ("文娱", "视频"), &["视频", "新闻"], d);
    let reject = Command::RejectReview {
        plugin: media.clone(),
        version: ver("0.9.0"),
        reason: "功能描述与实际功能不符，请补充使用说明".into(),
    };
    s.run(&Actor::Reviewer(DEMO_REVIEWERS[1].0.into()), reject);
    s.upload(&media, "1.0.0", "修复播放问题");

    let d = "查询个人社保缴纳记录、医保余额与养老金待遇，使用前需用户授权登录。";
    s.ship(&gov, "1.0.0", ("政务民生", "社保"), &["社保", "政务"], d);
    s.ship(
        &gov,
        "1.1.0",
        ("政务民生", "社保"),
        &["社保", "政务", "医保"],
        d,
    );

    s.upload(&org, "0.1.0", "初始版本");

    let d = "演出门票在线选座与购买组件，支持演唱会、话剧、体育赛事等多种场次展示。";
    s.ship(
        &ticket,
        "1.0.0",
        ("生活服务", "票务"),
        &["票务", "演出", "选座"],
        d,
    );
    s.upload(&ticket, "1.1.0", "新增候补购票");
    s.submit(&ticket, "1.1.0", ("生活服务", "票务"), &["票务", "演出"], d);
    let withdraw = Command::WithdrawReview {
        plugin: ticket.clone(),
        version: ver("1.1.0"),
    };
    s.run(&Actor::Developer(ticket.clone()), withdraw);

    s.upload(&car, "1.0.0", "首个版本");
    let d = "输入车牌号与发动机号后六位即可查询交通违章记录，支持全国大部分城市。";
    s.submit(&car, "1.0.0", ("汽车", "汽车资讯"), &["违章", "汽车"], d);
    s.approve(&car, "1.0.0");

    // Applications.
    let t = s.t;
    let a = s.apply(t, &food, &express, "外卖订单需要展示快递物流信息");
    let dev = |p: &AppId| Actor::Developer(p.clone());
    s.run(&dev(&express), Command::ApproveApplication { id: a });
    let cfg = Command::ConfigurePluginUse {
        plugin: express.clone(),
        alias: "express".into(),
        version: ver("1.1.0"),
    };
    s.run(&Actor::Consumer(food.clone()), cfg);

    let t = s.t;
    let a = s.apply(t, &travel, &gov, "为市民提供社保查询入口");
    s.run(&dev(&gov), Command::ApproveApplication { id: a });
    let cfg = Command::ConfigurePluginUse {
        plugin: gov.clone(),
        alias: "shebao".into(),
        version: ver("1.0.0"),
    };
    s.run(&Actor::Consumer(travel.clone()), cfg);
    s.run(
        &dev(&gov),
        Command::TakeOffline {
            plugin: gov.clone(),
            version: ver("1.0.0"),
        },
    );

    let t = s.t;
    let a = s.apply(t, &travel, &medical, "为乘客提供在线问诊服务");
    let rej = Command::RejectApplication {
        id: a,
        reason: "我们目前只与医院、诊所类小程序合作，暂不接入出行场景".into(),
    };
    s.run(&dev(&medical), rej);

    let a = s.apply(
        now.plus_ms(-4 * DAY_MS),
        &travel,
        &express,
        "查询行李托运物流",
    );
    s.run(
        &dev(&express),
        Command::RejectApplication {
            id: a,
            reason: "暂不支持该场景".into(),
        },
    );
    s.run(&dev(&express), Command::DeleteApplication { id: a });

    let a = s.apply(
        now.plus_ms(-3 * DAY_MS),
        &zhang,
        &ticket,
        "记账时关联演出票消费",
    );
    s.run(
        &dev(&ticket),
        Command::RejectApplication {
            id: a,
            reason: "请补充具体使用场景".into(),
        },
    );

    s.apply(
        now.plus_ms(-30 * HOUR_MS),
        &food,
        &weather,
        "根据天气推荐餐厅",
    );
    s.apply(
        now.plus_ms(-5 * HOUR_MS),
        &weather,
        &express,
        "天气预警时提醒快递延误",
    );
    s.apply(
        now.plus_ms(-2 * HOUR_MS),
        &zhang,
        &weather,
        "记账页面显示当天天气",
    );
    s.apply(
        now.plus_ms(-HOUR_MS),
        &zhang,
        &ticket,
        "记账时关联演出票消费，已补充场景说明",
    );

    let mut ws = s.ws;
    ws.expire_due(now);
    ws
}

/// Owner categories for scale plugins (all open to plugins).
const SCALE_CATEGORIES: [(&str, &str, &str); 8] = [
    ("快递业与邮政", "快递", "快递查询助手"),
    ("工具", "天气", "天气预报"),
    ("工具", "记账", "记账本"),
    ("出行与交通", "公交", "实时公交"),
    ("生活服务", "票务", "演出票务"),
    ("餐饮", "外卖平台", "外卖点餐"),
    ("汽车", "汽车资讯", "违章查询"),
    ("文娱", "音乐", "音乐播放器"),
];
const SCALE_TAGS: [&str; 8] = [
    "快递", "天气", "记账", "公交", "票务", "外卖", "汽车", "音乐",
];
const SCALE_ICONS: [&str; 8] = [
    "express", "weather", "tool", "car", "ticket", "food", "car", "music",
];

/// A large workspace for benchmarks, built directly (empty event log) but satisfying all
/// invariants: unique names, strictly increasing versions, released versions approved,
/// ≤ 1 审核中 per plugin, ≤ 10 pending-or-used plugins per consumer, applications only
/// to released plugins of other accounts. About 1 in 17 plugins is unreleased.
pub fn scale_workspace(n_plugins: usize, n_applications: usize, seed: u64) -> Workspace {
    let mut rng = SplitMix64(seed);
    let mut base = seed;
    let id_base = splitmix64(&mut base);
    let mk_id =
        |i: u64| AppId::from_u64(id_base.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
    let reviewers: Vec<Reviewer> = DEMO_REVIEWERS
        .iter()
        .map(|(id, name)| Reviewer {
            id: (*id).into(),
            name: (*name).into(),
        })
        .collect();
    let mut accounts = Vec::new();
    let mut plugins = Vec::new();
    let mut released = Vec::new();
    for k in 0..n_plugins {
        let (primary, secondary, name) = SCALE_CATEGORIES[k % SCALE_CATEGORIES.len()];
        let app_id = mk_id(k as u64);
        // Every subject type that may develop plugins, in turn (not 个人).
        let subject = SubjectType::ALL[k % 4];
        debug_assert!(subject.may_develop_plugins());
        let category = Category::new(primary, secondary);
        accounts.push(Account {
            app_id: app_id.clone(),
            name: format!("{name}小程序{k}"),
            subject,
            categories: vec![category.clone()],
        });
        let is_released = k % 17 != 0;
        if is_released {
            released.push(app_id.clone());
        }
        plugins.push(scale_plugin(k, app_id, name, category, is_released));
    }
    let per_consumer = released
        .len()
        .min(super::application::MAX_PLUGINS_PER_CONSUMER);
    let n_consumers = if per_consumer == 0 {
        0
    } else {
        n_applications.div_ceil(per_consumer)
    };
    let mut applications = Vec::with_capacity(n_applications);
    let mut uses = Vec::new();
    for i in 0..n_consumers {
        let consumer = mk_id((n_plugins + i) as u64);
        accounts.push(Account {
            app_id: consumer.clone(),
            name: format!("消费者小程序{i}"),
            subject: SubjectType::ALL[i % 5],
            categories: vec![Category::new("工具", "记账")],
        });
        let mut batch = Vec::with_capacity(per_consumer);
        for j in 0..per_consumer.min(n_applications - applications.len()) {
            let plugin = released[(i * 7 + j) % released.len()].clone();
            batch.push((j, scale_application(&mut rng, plugin, consumer.clone())));
        }
        // A consumer's applications in the order made, ids in that order, as commands make
        // them (`Workspace::rebuild_indexes` would otherwise order each consumer's on load).
        let order = super::search::sorted_order(batch.len(), &|a, b| {
            batch[a].1.applied_at.cmp(&batch[b].1.applied_at)
        });
        for (j, mut app) in order.into_iter().map(|k| batch[k].clone()) {
            app.id = ApplicationId(applications.len() as u64 + 1);
            if app.status == ApplicationStatus::Approved {
                uses.push(PluginUse {
                    consumer: consumer.clone(),
                    plugin: app.plugin.clone(),
                    alias: Some(format!("p{j}")),
                    version: Some(Semver::new(1, 0, 0)),
                    added_at: app.decided_at.unwrap_or(app.applied_at),
                });
            }
            applications.push(app);
        }
    }
    Workspace::from_parts(seed, accounts, reviewers, plugins, applications, uses)
}

/// One application of the scale workspace (its id set by the caller).
fn scale_application(rng: &mut SplitMix64, plugin: AppId, consumer: AppId) -> UseApplication {
    let roll = rng.below(100);
    // Applied within the 24 h before the base time, an hour to spare: still 待确认 there.
    let jitter = rng.below((super::clock::APPLICATION_WINDOW_MS - HOUR_MS) as u64) as i64;
    let (applied_at, status, decided) = match roll {
        0..=19 => (
            SCALE_BASE_TIME.plus_ms(-jitter),
            ApplicationStatus::Pending,
            None,
        ),
        20..=59 => (
            SCALE_BASE_TIME.plus_ms(-3 * DAY_MS - jitter),
            ApplicationStatus::Approved,
            Some(HOUR_MS),
        ),
        60..=79 => (
            SCALE_BASE_TIME.plus_ms(-3 * DAY_MS - jitter),
            ApplicationStatus::Rejected {
                reason: "暂不支持".into(),
            },
            Some(2 * HOUR_MS),
        ),
        _ => (
            SCALE_BASE_TIME.plus_ms(-5 * DAY_MS - jitter),
            ApplicationStatus::Expired,
            Some(APPLICATION_WINDOW_MS),
        ),
    };
    UseApplication {
        id: ApplicationId(0),
        plugin,
        consumer,
        reason: String::new(),
        applied_at,
        status,
        decided_at: decided.map(|d| applied_at.plus_ms(d)),
    }
}

fn scale_plugin(
    k: usize,
    app_id: AppId,
    name: &str,
    category: Category,
    is_released: bool,
) -> Plugin {
    let opened = SCALE_BASE_TIME.plus_ms(-30 * DAY_MS);
    let tag = SCALE_TAGS[k % SCALE_TAGS.len()];
    let submission = ReviewSubmission {
        category,
        tags: vec![tag.to_string(), format!("标签{}", k % 97)],
        feature_description: format!("{name}插件，提供{tag}相关能力，引入组件即可使用。"),
    };
    let manifest = PluginManifest {
        main: Some("index.js".into()),
        ..PluginManifest::default()
    };
    let version =
        |v: Semver, status: VersionStatus, sub: Option<&ReviewSubmission>| PluginVersion {
            version: v,
            description: String::new(),
            manifest: manifest.clone(),
            status: status.clone(),
            uploaded_at: opened.plus_ms(DAY_MS),
            submission: sub.cloned(),
            released_at: (status == VersionStatus::Released).then_some(opened.plus_ms(3 * DAY_MS)),
        };
    let record = |v: Semver, outcome: ReviewOutcome| ReviewRecord {
        version: v,
        submission: submission.clone(),
        submitted_at: opened.plus_ms(2 * DAY_MS),
        outcome,
    };
    let approved = ReviewOutcome::Approved {
        reviewer: DEMO_REVIEWERS[0].0.into(),
        at: opened.plus_ms(2 * DAY_MS + HOUR_MS),
    };
    let (v1, v2) = (Semver::new(1, 0, 0), Semver::new(1, 1, 0));
    let mut versions = Vec::new();
    let mut reviews = Vec::new();
    if is_released {
        versions.push(version(v1, VersionStatus::Released, Some(&submission)));
        reviews.push(record(v1, approved));
        match k % 5 {
            1 => {
                versions.push(version(v2, VersionStatus::InReview, Some(&submission)));
                reviews.push(record(v2, ReviewOutcome::Pending));
            }
            2 => versions.push(version(v2, VersionStatus::Dev, None)),
            3 => {
                let reason = "功能描述不完整".to_string();
                versions.push(version(
                    v2,
                    VersionStatus::Rejected {
                        reason: reason.clone(),
                    },
                    Some(&submission),
                ));
                let outcome = ReviewOutcome::Rejected {
                    reviewer: DEMO_REVIEWERS[1].0.into(),
                    at: opened.plus_ms(3 * DAY_MS),
                    reason,
                };
                reviews.push(record(v2, outcome));
            }
            _ => {}
        }
    } else {
        versions.push(version(v1, VersionStatus::Dev, None));
    }
    Plugin {
        app_id,
        name: format!("{name} {k}"),
        icon: Icon::Builtin(SCALE_ICONS[k % SCALE_ICONS.len()].into()),
        intro: format!("{name}：演示数据"),
        opened_at: opened,
        dev_info: Some(DevInfo {
            request_domains: vec!["https://api.example.com".into()],
            token: "Token123".into(),
            ..DevInfo::default()
        }),
        versions,
        reviews,
    }
}
