//! 「已开放的插件服务类目」 as data, and the rule choosing a plugin's 插件服务类目.

use serde::Serialize;

use super::account::{Account, Category};
use super::errors::DomainError;

/// 一级类目 that makes a mini program 医疗类 and whose plugin categories are restricted.
pub const MEDICAL_PRIMARY: &str = "医疗";

/// Which 二级类目 of a 一级类目 are open to plugins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Secondaries {
    /// 所有二级类目: any second-level category the mini program has under that first level.
    All,
    /// Only these.
    Only(&'static [&'static str]),
}

/// One row of the open category table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct OpenCategory {
    /// 一级类目
    pub primary: &'static str,
    /// 二级类目
    pub secondaries: Secondaries,
    /// 特殊说明: 仅医疗类小程序可使用.
    pub medical_only: bool,
}

impl OpenCategory {
    /// Whether `secondary` is open under this row.
    pub fn admits(&self, secondary: &str) -> bool {
        match self.secondaries {
            Secondaries::All => true,
            Secondaries::Only(list) => list.contains(&secondary),
        }
    }
    /// 二级类目 column as the guide writes it.
    pub fn secondaries_zh(&self) -> String {
        match self.secondaries {
            Secondaries::All => "所有二级类目".to_string(),
            Secondaries::Only(list) => list.join("、"),
        }
    }
    /// The same column in English: the platform's own names, in Chinese, each with its gloss
    /// ([`glossed`]).
    pub fn secondaries_en(&self) -> String {
        match self.secondaries {
            Secondaries::All => "All secondary categories".to_string(),
            Secondaries::Only(list) => {
                let glossed: Vec<String> = list.iter().map(|s| glossed(s)).collect();
                glossed.join(", ")
            }
        }
    }
}

/// An English gloss of each category name the app offers: the guide's open categories, and the
/// 一级/二级类目 创建小程序帐号 suggests *(our illustration: the platform names its categories in
/// Chinese only; English QA: a learner could not tell 医疗 > 就医服务 from any other)*.
const GLOSSES: &[(&str, &str)] = &[
    ("快递业与邮政", "Express & postal"),
    ("医疗", "Medical"),
    ("政务民生", "Government & public services"),
    ("金融业", "Finance"),
    ("出行与交通", "Travel & transport"),
    ("生活服务", "Lifestyle services"),
    ("IT科技", "IT & technology"),
    ("餐饮", "Food & drink"),
    ("旅游", "Tourism"),
    ("文娱", "Entertainment"),
    ("工具", "Tools"),
    ("电商平台", "E-commerce platform"),
    ("商业服务", "Business services"),
    ("汽车", "Automotive"),
    ("教育", "Education"),
    ("社交", "Social"),
    ("游戏", "Games"),
    ("体育", "Sports"),
    ("就医服务", "Medical services"),
    ("互联网医院", "Internet hospital"),
    ("征信业务", "Credit reporting"),
    ("票务", "Ticketing"),
    ("生活缴费", "Utility payments"),
    ("点评与推荐", "Reviews & recommendations"),
    ("菜谱", "Recipes"),
    ("餐厅排队", "Restaurant queuing"),
    ("点餐平台", "Ordering platform"),
    ("外卖平台", "Food delivery platform"),
    ("视频", "Video"),
    ("FM/电台", "FM/radio"),
    ("音乐", "Music"),
    ("有声读物", "Audiobooks"),
    ("动漫", "Animation & comics"),
    ("记账", "Bookkeeping"),
    ("投票", "Voting"),
    ("日历", "Calendar"),
    ("天气", "Weather"),
    ("备忘录", "Memos"),
    ("办公", "Office"),
    ("字典", "Dictionary"),
    ("计算类", "Calculators"),
    ("报价/比价", "Quotes & price comparison"),
    ("发票查询", "Invoice lookup"),
    ("企业管理", "Business management"),
    ("招聘/求职", "Recruiting & job search"),
    ("快递", "Express delivery"),
    ("邮政", "Postal services"),
    ("社保", "Social insurance"),
    ("公积金", "Housing provident fund"),
    ("交通违法", "Traffic violations"),
    ("公交", "Buses"),
    ("地铁", "Metro"),
    ("网约车", "Ride-hailing"),
    ("软件服务", "Software services"),
    ("多媒体", "Multimedia"),
    ("景区", "Scenic areas"),
    ("酒店", "Hotels"),
    ("汽车资讯", "Car news"),
    ("汽车维修", "Car repair"),
    ("在线教育", "Online education"),
    ("培训机构", "Training institutions"),
    ("社区/论坛", "Communities & forums"),
    ("休闲游戏", "Casual games"),
    ("体育培训", "Sports training"),
    ("家政", "Housekeeping"),
];

/// The English gloss of category name `term`, if it is one the app offers ([`GLOSSES`]).
pub fn gloss(term: &str) -> Option<&'static str> {
    GLOSSES
        .iter()
        .find(|(zh, _)| *zh == term)
        .map(|(_, en)| *en)
}

/// `term (gloss)` in English, or `term` when it has none: a category name as English pages show
/// it, the platform's own name first.
pub fn glossed(term: &str) -> String {
    match gloss(term) {
        Some(en) => format!("{term} ({en})"),
        None => term.to_string(),
    }
}

const fn row(primary: &'static str, secondaries: Secondaries) -> OpenCategory {
    OpenCategory {
        primary,
        secondaries,
        medical_only: false,
    }
}

/// 「已开放的插件服务类目」, exactly as in the guide.
pub const OPEN_CATEGORIES: &[OpenCategory] = &[
    row("快递业与邮政", Secondaries::All),
    OpenCategory {
        primary: MEDICAL_PRIMARY,
        secondaries: Secondaries::Only(&["就医服务", "互联网医院"]),
        medical_only: true,
    },
    row("政务民生", Secondaries::All),
    row("金融业", Secondaries::Only(&["征信业务"])),
    row("出行与交通", Secondaries::All),
    row("生活服务", Secondaries::Only(&["票务", "生活缴费"])),
    row("IT科技", Secondaries::All),
    row(
        "餐饮",
        Secondaries::Only(&["点评与推荐", "菜谱", "餐厅排队", "点餐平台", "外卖平台"]),
    ),
    row("旅游", Secondaries::All),
    row(
        "文娱",
        Secondaries::Only(&["视频", "FM/电台", "音乐", "有声读物", "动漫"]),
    ),
    row(
        "工具",
        Secondaries::Only(&[
            "记账",
            "投票",
            "日历",
            "天气",
            "备忘录",
            "办公",
            "字典",
            "计算类",
            "报价/比价",
            "发票查询",
            "企业管理",
        ]),
    ),
    row("电商平台", Secondaries::Only(&["电商平台"])),
    row("商业服务", Secondaries::Only(&["招聘/求职"])),
    row("汽车", Secondaries::All),
];

/// The open-table row admitting `category`, if any.
pub fn open_row(category: &Category) -> Option<&'static OpenCategory> {
    OPEN_CATEGORIES
        .iter()
        .find(|r| r.primary == category.primary && r.admits(&category.secondary))
}

/// The 插件服务类目 rule: open to plugins, 医疗 only for 医疗类, and one of the account's
/// approved categories (approved ∩ open table).
pub fn check_plugin_category(account: &Account, category: &Category) -> Result<(), DomainError> {
    check_among(&account.categories, category)
}

/// Whether one of an account's approved `categories` may be its plugin's 插件服务类目
/// ([`check_plugin_category`]): without one every 提交审核 is refused
/// ([`DomainError::NoPluginCategory`]). Asked by 创建小程序帐号's form too, before the account is.
pub fn has_plugin_category(categories: &[Category]) -> bool {
    categories
        .iter()
        .any(|c| check_among(categories, c).is_ok())
}

/// [`check_plugin_category`] for an account whose approved categories are `approved`.
fn check_among(approved: &[Category], category: &Category) -> Result<(), DomainError> {
    let row = open_row(category).ok_or_else(|| DomainError::CategoryNotOpen {
        category: category.clone(),
    })?;
    if row.medical_only && !super::account::is_medical(approved) {
        return Err(DomainError::MedicalOnly {
            category: category.clone(),
        });
    }
    if !approved.contains(category) {
        return Err(DomainError::CategoryNotApproved {
            category: category.clone(),
        });
    }
    Ok(())
}

/// A category the UI may offer when submitting for review, with why it is (not) allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryOption {
    /// The category.
    pub category: Category,
    /// `Ok` if selectable, else the reason.
    pub allowed: Result<(), DomainError>,
}

/// All of the account's approved categories, then the open table's explicitly listed
/// categories the account lacks (so the UI can explain e.g. that 医疗 needs 医疗类).
pub fn category_options(account: &Account) -> Vec<CategoryOption> {
    let mut out: Vec<CategoryOption> = account
        .categories
        .iter()
        .map(|c| CategoryOption {
            category: c.clone(),
            allowed: check_plugin_category(account, c),
        })
        .collect();
    for r in OPEN_CATEGORIES {
        if let Secondaries::Only(list) = r.secondaries {
            for s in list {
                let category = Category::new(r.primary, *s);
                if !account.categories.contains(&category) {
                    let allowed = check_plugin_category(account, &category);
                    out.push(CategoryOption { category, allowed });
                }
            }
        }
    }
    out
}
